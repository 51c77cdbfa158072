import { SPARSE_SIGNALS } from './modelParams';

/**
 * Stars say how likely the contact is to engage inside the window, given they engage that
 * weekday: the window's expected hit rate, calibrated on the organisation's own history
 * (hitCalibration.ts), which is what the evaluation's hit rate measures. Each band is a range
 * of hit rates, narrow at the bottom where most windows are and wide at the top: 0.5 star below
 * 5%, 1 star from 5%, one more half star per 5 points up to 3 stars at 25-30%, then per 10
 * points, 5 stars from 60%.
 */
const HALF_STAR_FLOORS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6];

/**
 * Caps on top. A window where the contact never engaged on that weekday (its share is borrowed
 * from their other days or from the population) is at most 3.5 stars, however regular the
 * pattern it borrows: 4 stars and up promise the contact's own track record. On the evaluation
 * data such windows are hit less often than own-evidence windows of the same share. And where
 * the organisation is too small to have a record of how predictable its contacts are (no fitted
 * calibration), a contact with fewer than SPARSE_SIGNALS signals is at most 2.5 stars. With a
 * record, their stars are what windows like theirs earned there: on git-authors a sparse
 * contact is shrunk toward the population and rarely clears 2 stars, while the demo's sparse
 * contacts follow their habit as closely as anyone and are rated so.
 */
const BORROWED_MAX = 3.5;
const UNRECORDED_SPARSE_MAX = 2.5;

export function starsFor(
  expectedHitRate: number,
  ownSignals: number,
  windowSignals: number,
  calibrated: boolean,
): number {
  let halves = 1;
  for (const floor of HALF_STAR_FLOORS) if (expectedHitRate >= floor) halves++;
  let stars = halves / 2;
  if (windowSignals === 0) stars = Math.min(stars, BORROWED_MAX);
  if (!calibrated && ownSignals < SPARSE_SIGNALS) stars = Math.min(stars, UNRECORDED_SPARSE_MAX);
  return stars;
}
