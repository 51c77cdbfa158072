/**
 * BT-1 counts a call as answered only when it lasted more than a minute: anything shorter is
 * a voicemail, a wrong number or a hang-up. One rule for the CRM import, the rep's logged
 * calls and the model.
 */
const ANSWERED_CALL_MIN_S = 60;

/** True when a call of `durationS` seconds lasted long enough to count as answered. */
export function lastedLongEnoughToBeAnswered(durationS: number): boolean {
  return durationS > ANSWERED_CALL_MIN_S;
}
