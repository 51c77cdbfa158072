import { describe, expect, it } from 'vitest';
import { CandidateProfileSums } from '../../../src/main/besttime/model/candidateProfiles';
import { MODEL_PARAMS } from '../../../src/main/besttime/model/modelParams';
import { PersonGridBuilder } from '../../../src/main/besttime/model/personGrid';
import { computeAll } from '../../../src/main/besttime/model/personModel';
import { buildPriors, groupByPerson } from '../../../src/main/besttime/model/priors';
import { options, organisation, switchingOrganisation, weekly } from './eventFactory';

describe('half-life learned per organisation', () => {
  it('sums each candidate population profile as spreading every contact with its half-life would', () => {
    const opts = options();
    const byPerson = groupByPerson([
      ...switchingOrganisation(12, 10, 5),
      ...weekly('edge', '2023-10-02T00:15', 'UTC', 6, 'email_from_contact'),
      ...weekly('late', '2023-10-03T23:40', 'Asia/Tokyo', 6, 'email_from_contact'),
    ]);
    const cells = 7 * 24;
    // With no default every candidate takes the decayed path; with 120 as the default, 120 is
    // summed from the grid spread as scoring spreads it.
    const decayed = new CandidateProfileSums([30, 60, 120], -1, cells, 24, 0.25);
    const spread = new CandidateProfileSums([30, 60, 120], 120, cells, 24, 0.25);
    // 30 days, a quarter of 120: squared twice from 120's factors here, its own exponential there.
    const quarter = new CandidateProfileSums([30, 120], -1, cells, 24, 0.25);
    const grid = new PersonGridBuilder(opts, { ...MODEL_PARAMS, halfLifeDays: 120 });
    for (const [id, events] of byPerson) {
      grid.load(id, events, false);
      decayed.add(grid);
      spread.add(grid);
      quarter.add(grid);
    }
    // 60 days: squared from 120's factors in `decayed`, its own exponential in `spread`.
    // 120 days: decayed and spread here, spread by the grid there.
    const decayedSums = decayed.finish();
    const spreadSums = spread.finish();
    const quarterSums = quarter.finish();
    for (const [a, b] of [
      [decayedSums[0], spreadSums[0]],
      [decayedSums[1], spreadSums[1]],
      [decayedSums[2], spreadSums[2]],
      [quarterSums[0], spreadSums[0]],
    ]) {
      expect(a?.halfLifeDays).toBe(b?.halfLifeDays);
      expect(a?.org.people).toEqual(b?.org.people);
      for (const channel of ['call', 'email'] as const) {
        for (let i = 0; i < cells; i++)
          expect(a?.org.mass[channel][i]).toBeCloseTo(b?.org.mass[channel][i] ?? NaN, 12);
      }
      const tokyoA = a?.byZone.get('Asia/Tokyo')?.mass.email ?? [];
      const tokyoB = b?.byZone.get('Asia/Tokyo')?.mass.email ?? [];
      for (let i = 0; i < cells; i++) expect(tokyoA[i]).toBeCloseTo(tokyoB[i] ?? NaN, 12);
      expect(Math.max(...(b?.org.mass.email ?? []))).toBeGreaterThan(0.1);
    }
  });

  it('keeps the default for an organisation with too few repeat sittings to learn from', () => {
    const priors = buildPriors(
      weekly('p', '2024-03-05T10:15', 'UTC', 4, 'email_opened'),
      options(),
    );
    expect(priors.halfLifeDays).toBe(MODEL_PARAMS.halfLifeDays);
  });

  it('still learns the strengths from a history too short to tell half-lives apart', () => {
    // Three weeks of sittings every weekday: plenty to learn how far hours are trusted from,
    // but no sitting has a whole 28-day block before it to judge a half-life by.
    const priors = buildPriors(organisation(80, 3, false, true), options());
    expect(priors.halfLifeDays).toBe(MODEL_PARAMS.halfLifeDays);
    expect(priors.strengths.email).not.toEqual({
      person: MODEL_PARAMS.personStrength,
      day: MODEL_PARAMS.dayStrength,
    });
  });

  it('keeps a long memory where contacts keep their hours', () => {
    expect(buildPriors(organisation(60, 24, false, true), options()).halfLifeDays).toBe(3650);
  });

  it('forgets within months where contacts change their hours', () => {
    const priors = buildPriors(switchingOrganisation(60, 24, 16), options());
    expect(priors.halfLifeDays).toBeLessThanOrEqual(120);
  });

  it('scores contacts with the learned half-life: the new hour wins after a change', () => {
    // 16 weeks at the old hour, 8 at the new one: a ten-year memory still prefers the old.
    const events = groupByPerson(switchingOrganisation(60, 24, 16));
    const { priors, results } = computeAll(events, options());
    expect(priors.halfLifeDays).toBeLessThan(MODEL_PARAMS.halfLifeDays);
    const o2 = results.find((r) => r.personId === 'o2' && r.channel === 'email');
    const monday = o2?.windows.filter((w) => w.weekday === 1) ?? [];
    // o2's hour was 10:15 (slot 10) and is 13:15 (slot 13) since week 16.
    expect(monday[0]?.startMin).toBeLessThanOrEqual(13 * 60);
    expect(monday[0]?.endMin).toBeGreaterThan(13 * 60);
  });

  it('learns only from signals before as-of', () => {
    const asOf = Date.UTC(2024, 0, 22);
    const before = organisation(60, 24, false, true).filter((e) => e.at < asOf);
    const withLater = [...before, ...switchingOrganisation(60, 24, 0).filter((e) => e.at >= asOf)];
    expect(buildPriors(withLater, options({ asOf })).halfLifeDays).toBe(
      buildPriors(before, options({ asOf })).halfLifeDays,
    );
  });
});
