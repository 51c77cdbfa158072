import { describe, expect, it } from 'vitest';
import { computeAll } from '../../../src/main/besttime/model/personModel';
import { buildPriors, groupByPerson } from '../../../src/main/besttime/model/priors';
import {
  IDENTITY_BANDS,
  shownRawHalves,
  starsFor,
} from '../../../src/main/besttime/model/starRating';
import type { HitCalibration } from '../../../src/main/besttime/model/priorTypes';
import { options, organisation } from './eventFactory';

const fitted = (bands: number[]): HitCalibration => ({
  fitted: true,
  intercept: 0,
  score: 1,
  ownWindow: 0,
  ownSittings: 0,
  bands,
});

describe('stars that mean a hit rate (BT-5)', () => {
  it("reads each raw band as the band of its pool's hit rate in the organisation's history, never falling as the band rises", () => {
    for (const scattered of [false, true]) {
      const priors = buildPriors(organisation(120, 14, scattered, true), options());
      const { bands, fitted: learned } = priors.calibration.email;
      expect(learned).toBe(true);
      for (let h = 2; h <= 10; h++) expect(bands[h]).toBeGreaterThanOrEqual(bands[h - 1] ?? 0);
      for (const b of bands) expect(IDENTITY_BANDS).toContain(b);
    }
  });

  it('shows the recorded band, and never more than 3.5 stars for a window without the contact’s own sittings', () => {
    // A record where everything from 2.5 raw stars up was hit 60% of the time or more.
    const record = fitted([0, 0.5, 1, 1.5, 2, 5, 5, 5, 5, 5, 5]);
    expect(starsFor(0.27, 9, 3, record)).toBe(5);
    expect(starsFor(0.27, 9, 0, record)).toBe(3.5);
    expect(starsFor(0.07, 9, 3, record)).toBe(1);
    // Without a record, the formula's band, sparse contacts capped at 2.5.
    const none = { ...fitted([...IDENTITY_BANDS]), fitted: false };
    expect(starsFor(0.65, 9, 3, none)).toBe(5);
    expect(starsFor(0.65, 2, 3, none)).toBe(2.5);
  });

  it("rates a replayed window on a weekday without the contact's own evidence at the band it is shown at, capped (stop 40's cap)", () => {
    // Audit 40's contact: one call on Wednesday 10:05, nobody else in the organisation. Their
    // Wednesday 10:00-11:00 holds 47/270 = 17.4% (2 stars raw: 15-20%); every other day's
    // 09:00-11:00 holds 13/60 = 21.7% (2.5 stars raw: 20-25%), and is shown capped.
    const wednesday = { rate: 47 / 270, halves: 4 };
    // Before, the record counted such a window among the 2.5-star ones, a level it never shows.
    expect(shownRawHalves(13 / 60, 0, wednesday, false)).toBe(4);
    // Nobody else engaged on that weekday either: half a star under their best own window.
    expect(shownRawHalves(13 / 60, 0, wednesday, true)).toBe(3);
    // Below the cap a borrowed window keeps its own band (1.5 stars: 10-15%).
    expect(shownRawHalves(0.12, 0, wednesday, false)).toBe(3);
    // With no own window to measure against, or on a day with own evidence, as it stands;
    // without own sittings in it, never above 3.5 stars.
    expect(shownRawHalves(13 / 60, 0, { rate: 0, halves: 0 }, false)).toBe(5);
    expect(shownRawHalves(13 / 60, 0, null, false)).toBe(5);
    expect(shownRawHalves(0.45, 0, null, false)).toBe(7);
    expect(shownRawHalves(0.45, 2, null, false)).toBe(8);
  });

  it('promises no window more than the record’s windows earned on average until it has judged a whole four-week horizon', () => {
    // 120 contacts who e-mail at their own hour every week from Monday 2 October 2023. The
    // record's horizons are 28-day blocks (26 October to 23 November is one): judged on part of
    // one, the sittings soon after its start, collegemsg's first tuning cut-off promised 2.5 stars
    // of windows hit 16.2% of the time over the next four weeks.
    const stars = (weeks: number, asOf: number): number[] => {
      const { results } = computeAll(groupByPerson(organisation(120, weeks)), options({ asOf }));
      // Monday to Friday: on a weekend nobody e-mailed, borrowed windows read half a star less.
      return results.flatMap((r) => r.windows.filter((w) => w.weekday <= 5).map((w) => w.stars));
    };
    // Seven weeks, as of 18 November: only part of the 26 October block judged. Its replayed
    // windows were hit 1 time in 3 on average (3.5 stars: 30-40%), the habitual ones every time.
    // Before, those read 5 stars on three weeks of record; the others still read 0.5.
    const partial = stars(7, Date.UTC(2023, 10, 18));
    expect(partial.length).toBeGreaterThan(120);
    expect(Math.max(...partial)).toBe(3.5);
    expect(Math.min(...partial)).toBe(0.5);
    // Eight weeks, as of 24 November: that block judged whole, and the habits earn 5 stars.
    const whole = stars(8, Date.UTC(2023, 10, 24));
    expect(Math.max(...whole)).toBe(5);
    expect(Math.min(...whole)).toBe(0.5);
  });
});
