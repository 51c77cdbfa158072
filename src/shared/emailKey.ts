/**
 * An e-mail as people are matched by it: trimmed, in lower case. The sync stores people's and
 * visitors' e-mails so, which keeps the database's `lower(trim(…))` (the indexes of e-mails; it
 * folds ASCII letters and trims spaces only) the same as this key for every stored e-mail; an
 * e-mail from elsewhere (a page-view file, a visitor) is keyed here before it is looked up.
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
