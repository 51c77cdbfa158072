/**
 * A snooze's choice as a mark stores it (`plan_actions.payload`, `plan_mark_shares.payload`): the
 * start of the day's window the row went to, null for the next day's, undefined for none (a mark
 * made before Snooze offered a choice, or another computer's that did not say).
 */
export function snoozePayload(snoozeTo: number | null | undefined): string | null {
  return snoozeTo === undefined ? null : JSON.stringify({ snoozeTo });
}

/** The choice a stored payload holds; undefined for none or for a payload of another shape. */
export function snoozeChoice(payload: string | null): number | null | undefined {
  if (payload === null) return undefined;
  try {
    const to = (JSON.parse(payload) as { snoozeTo?: unknown }).snoozeTo;
    return to === null || typeof to === 'number' ? to : undefined;
  } catch {
    return undefined;
  }
}
