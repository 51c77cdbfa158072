/**
 * How the app's messages name a task: by its subject, quoted. Zoho's subject is optional, and a
 * task without one is the "untitled task" in every message, not a bare "the task" (which reads
 * as if it named one, and left a refusal of it the only message without a name).
 */

const subjectOf = (subject: string | null | undefined): string | null => {
  const s = subject?.trim();
  return s ? s : null;
};

/** Inside a sentence: "task “Send the offer”", or "untitled task". */
export function taskName(subject: string | null | undefined): string {
  const s = subjectOf(subject);
  return s ? `task “${s}”` : 'untitled task';
}

/** Standing alone (a heading, a list's entry): "“Send the offer”", or "Untitled task". */
export function taskTitle(subject: string | null | undefined): string {
  const s = subjectOf(subject);
  return s ? `“${s}”` : 'Untitled task';
}
