/** One thing a visitor did on a visit (VT-1), in plain words, with where and when, where SalesIQ says. */
export interface VisitAction {
  what: string;
  /** The page it was done on, as SalesIQ gives it (a URL). */
  page: string | null;
  at: number | null;
}

/**
 * A visit's actions as the `visits.actions` column keeps them (SalesIQ's Actions_Performed, as
 * the sync wrote it): a text in some organisations, one action a line; in others SalesIQ's
 * sub-list as JSON, `{Action_Type, Action_Performed_Time, Visited_Page}` each. Page views are
 * left out (they are the visit's pages already), and so is anything unreadable: an action the
 * visitor took is worth a line; a stored value the app cannot read is not a reason to show JSON.
 */
export function visitActions(stored: string | null): VisitAction[] {
  const text = stored?.trim() ?? '';
  if (text === '') return [];
  if (!text.startsWith('[') && !text.startsWith('{')) return lines(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return lines(text);
  }
  const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  const out: VisitAction[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    const type = typeof e['Action_Type'] === 'string' ? e['Action_Type'].trim() : '';
    if (type === '' || /page\s*visit/i.test(type)) continue;
    const page = typeof e['Visited_Page'] === 'string' ? e['Visited_Page'].trim() || null : null;
    const at =
      typeof e['Action_Performed_Time'] === 'string' ? Date.parse(e['Action_Performed_Time']) : NaN;
    out.push({
      what: plainWords(type),
      page,
      at: Number.isFinite(at) ? at : null,
    });
  }
  return out;
}

function lines(text: string): VisitAction[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => ({ what: l, page: null, at: null }));
}

/**
 * SalesIQ's action types said as a rep would; a type not known here is shown as SalesIQ names
 * it, which is words already ("Form Submitted").
 */
function plainWords(type: string): string {
  if (/chat/i.test(type)) return 'Started a chat';
  if (isFormAction(type)) return 'Submitted a form';
  if (/download/i.test(type)) return 'Downloaded a file';
  return type;
}

/**
 * Whether an action (a SalesIQ type, or a line of an organisation's text) is a form submitted.
 * The word "form" itself, outside any address: "Visited /platform", "Viewed /forms" or "read the
 * information page" are not forms sent, and would otherwise teach the model a form's hour.
 */
export function isFormAction(what: string): boolean {
  const words = what.replace(/\S*[/:]\S*/g, ' ');
  return /\bforms?\b/i.test(words);
}

/**
 * Whether a visit's stored actions hold a form submitted, as the model reads them: kept with the
 * visit (`visits.has_form`, migration 032) so that learning reads only such visits' actions.
 */
export function hasFormAction(stored: string | null): boolean {
  return visitActions(stored).some((a) => isFormAction(a.what));
}
