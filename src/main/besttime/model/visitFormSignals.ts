import { isFormAction, visitActions } from '../../../shared/visitActions';
import type { BesttimeEvent } from './types';

/**
 * How far apart a form submitted during a visit and a `web_form_submitted` the CRM gave already
 * (a lead Zoho's web form made, at the lead's Created_Time) may lie and still be one submission.
 * The form's post creates the lead within seconds; SalesIQ and the CRM stamp the two with clocks
 * of their own. Ten minutes covers that, and two real submissions so close together would say
 * nothing about the person's hours that one does not.
 */
export const SAME_SUBMISSION_MS = 10 * 60_000;

/**
 * When each form was submitted during a visit (BT-1 signal 9), from the visit's stored actions
 * (shared/visitActions.ts reads both of SalesIQ's shapes): the action's own time, else the
 * visit's start. An action named a form counts (`isFormAction`), as the Visits page words it
 * "Submitted a form".
 */
export function visitFormTimes(actions: string | null, startedAt: number): number[] {
  return visitActions(actions)
    .filter((a) => isFormAction(a.what))
    .map((a) => a.at ?? startedAt);
}

/**
 * Adds a person's form submissions from their visits (`times`) to their events. A
 * `web_form_submitted` among the events already (the CRM's: a lead made by the form) within
 * SAME_SUBMISSION_MS of one is that submission: it takes the action's time, when the person
 * acted (the lead's creation may lag), and is not counted twice. Each is one submission, so it
 * stands for one action at most. (Called again for the visits matched by e-mail, the forms of the
 * person's own visits are among those already there: a visit's form is not counted twice either.)
 */
export function addVisitForms(
  events: BesttimeEvent[],
  personId: string,
  personTz: string | undefined,
  times: readonly number[],
): void {
  const known = events.filter((e) => e.type === 'web_form_submitted');
  for (const at of [...times].sort((a, b) => a - b)) {
    let same = -1;
    for (let i = 0; i < known.length; i++) {
      const gap = Math.abs((known[i] as BesttimeEvent).at - at);
      if (
        gap <= SAME_SUBMISSION_MS &&
        (same < 0 || gap < Math.abs((known[same] as BesttimeEvent).at - at))
      )
        same = i;
    }
    if (same >= 0) {
      (known[same] as BesttimeEvent).at = at;
      known.splice(same, 1);
      continue;
    }
    events.push({ personId, at, type: 'web_form_submitted', durationS: undefined, personTz });
  }
}
