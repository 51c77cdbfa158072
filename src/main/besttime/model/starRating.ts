import { SPARSE_SIGNALS } from './modelParams';
import type { HitCalibration } from './priorTypes';

/**
 * Stars say how likely the contact is to engage inside the window, given they engage that
 * weekday: the window's expected hit rate, calibrated on the organisation's own history
 * (hitCalibration.ts), which is what the evaluation's hit rate measures. Each band is a range
 * of hit rates, narrow at the bottom where most windows are and wide at the top: 0.5 star below
 * 5%, 1 star from 5%, one more half star per 5 points up to 3 stars at 25-30%, then per 10
 * points, 5 stars from 60%.
 */
const HALF_STAR_FLOORS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6];

/** The star band (0.5 to 5) of a hit rate. */
export function starBand(hitRate: number): number {
  let halves = 1;
  for (const floor of HALF_STAR_FLOORS) if (hitRate >= floor) halves++;
  return halves / 2;
}

/** Each band's stars as they are: what an organisation without a record of its own shows. */
export const IDENTITY_BANDS: readonly number[] = Array.from({ length: 11 }, (_, h) => h / 2);

/**
 * Caps on top. A window where the contact never engaged (its share is borrowed from their other
 * hours and days or from the population) is at most 3.5 stars, however regular the pattern it
 * borrows: 4 stars and up promise the contact's own track record. The caller passes no own
 * sittings for a window whose reason says it is borrowed (none of the channel's own signals in
 * it), so the stars never promise what the reason denies. On the evaluation
 * data such windows are hit less often than own-evidence windows of the same share. And where
 * the organisation is too small to have a record of how predictable its contacts are (no fitted
 * calibration), a contact with fewer than SPARSE_SIGNALS signals is at most 2.5 stars. With a
 * record, their stars are what windows like theirs earned there: on git-authors a sparse
 * contact is shrunk toward the population and rarely clears 2 stars, while the demo's sparse
 * contacts follow their habit as closely as anyone and are rated so.
 */
const BORROWED_MAX = 3.5;
const UNRECORDED_SPARSE_MAX = 2.5;

/** The band of the expected hit rate, capped as above, before the organisation's record re-reads it. */
export function rawStars(expectedHitRate: number, ownWindowSittings: number): number {
  const stars = starBand(expectedHitRate);
  return ownWindowSittings === 0 ? Math.min(stars, BORROWED_MAX) : stars;
}

/** A contact's best window with their own sittings in it: its expected hit rate and raw band. */
export interface OwnBest {
  rate: number;
  /** rawStars of it, in half stars. */
  halves: number;
}

/**
 * The raw band, in half stars, a window is shown at once a weekday without the contact's own
 * evidence is capped (capBorrowedDays in personModel.ts): on such a day (`best` given) never
 * above the band of the contact's best own window, and half a star below it where nobody else
 * in the organisation engaged that weekday (`lonely`); with no own window to measure against,
 * as it stands. The organisation's record rates replayed windows at this band, so a star level
 * is promised from the windows shown at it, not from borrowed ones shown lower: on collegemsg's
 * tuning cut-offs the capped windows had read 3 stars in the record and were hit 13% of the time
 * beside the own 3-star windows' 18%. The bands are monotone, so capping the rate at the best
 * own window's and reading the band of that is what the app's cap on stars shows.
 */
export function shownRawHalves(
  expectedHitRate: number,
  ownWindowSittings: number,
  best: OwnBest | null,
  lonely: boolean,
): number {
  if (!best || best.rate <= 0) return rawStars(expectedHitRate, ownWindowSittings) * 2;
  const halves = rawStars(Math.min(expectedHitRate, best.rate), ownWindowSittings) * 2;
  return lonely ? Math.min(halves, Math.max(1, best.halves - 1)) : halves;
}

/**
 * A window's stars. Where the organisation has a record, each raw band is re-read as the band
 * of the hit rate that windows of that raw band actually had in its history (`bands`, pooled
 * so that a higher band is never hit less often: hitCalibration.ts): the promise is the record,
 * not the formula.
 */
export function starsFor(
  expectedHitRate: number,
  ownSignals: number,
  ownWindowSittings: number,
  calibration: HitCalibration,
): number {
  const stars = rawStars(expectedHitRate, ownWindowSittings);
  if (calibration.fitted) {
    // The pool a borrowed window's band shares with own windows does not lift it past the cap.
    const recorded = calibration.bands[stars * 2] ?? stars;
    return ownWindowSittings === 0 ? Math.min(recorded, BORROWED_MAX) : recorded;
  }
  return ownSignals < SPARSE_SIGNALS ? Math.min(stars, UNRECORDED_SPARSE_MAX) : stars;
}
