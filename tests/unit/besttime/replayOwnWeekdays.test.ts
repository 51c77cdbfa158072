import { describe, expect, it } from 'vitest';
import { MODEL_PARAMS } from '../../../src/main/besttime/model/modelParams';
import { computeAll } from '../../../src/main/besttime/model/personModel';
import { PersonGridBuilder } from '../../../src/main/besttime/model/personGrid';
import { groupByPerson } from '../../../src/main/besttime/model/priors';
import {
  ReplayState,
  replaySittings,
  SittingSample,
} from '../../../src/main/besttime/model/sittingReplay';
import type { BesttimeEvent } from '../../../src/main/besttime/model/types';
import { at, event, options, weekly } from './eventFactory';

const BERLIN = 'Europe/Berlin';
const BLOCK_MS = MODEL_PARAMS.horizonDays * 86_400_000;
const WEDNESDAY = 2;

/**
 * A contact who answers calls on Wednesdays and writes e-mails on Mondays, across the spring
 * change of 2024 (31 March), then writes on a Wednesday for the first time. An answered call
 * weighs a fifth for e-mail, so their e-mail sittings include Wednesdays, but none of them is
 * an e-mail: the app caps that day's e-mail stars as borrowed (capBorrowedDays).
 */
function contact(): BesttimeEvent[] {
  return [
    ...weekly('p1', '2024-02-07T10:05', BERLIN, 10, 'call_answered', { durationS: 120 }),
    ...weekly('p1', '2024-02-05T10:05', BERLIN, 10, 'email_from_contact'),
    event('p1', at('2024-04-24T10:05', BERLIN), 'email_from_contact', { personTz: BERLIN }),
  ];
}

/** The weekdays the app counts as the contact's own for e-mail, computed as of `asOf`. */
function appOwnWeekdays(events: BesttimeEvent[], asOf: number): number {
  const { results } = computeAll(groupByPerson(events), options({ asOf }));
  const email = results.find((r) => r.personId === 'p1' && r.channel === 'email');
  return email?.context.ownWeekdays ?? -1;
}

describe("the star record's replay counts a weekday as the contact's own exactly as the app does (BT-5)", () => {
  it('an e-mail on a Wednesday with only answered calls before it is replayed as a borrowed day, as the app shows it', () => {
    const events = contact();
    const grid = new PersonGridBuilder(options({ asOf: Date.UTC(2024, 5, 1) }), MODEL_PARAMS);
    grid.load('p1', events, false);
    const sample = new SittingSample();
    sample.keep(grid.tz, grid.latestAt, grid.channels);
    const sittings = sample.people[0]?.sittings.email;
    if (!sittings) throw new Error('no e-mail sittings kept');
    // The e-mails replayed: those with any sitting before their block began (sittingReplay.ts).
    const blockOf = (t: number): number => Math.floor(t / BLOCK_MS) * BLOCK_MS;
    const replayed: number[] = [];
    for (let k = 0; k < sittings.count; k++) {
      const t = sittings.at[k] ?? 0;
      if ((sittings.weight[k] ?? 0) >= 0.5 && (sittings.at[0] ?? 0) < blockOf(t)) replayed.push(t);
    }
    const seen: { at: number; wednesdayOwn: boolean; ownDays: number }[] = [];
    replaySittings(sittings, MODEL_PARAMS, new ReplayState(24), new ReplayState(24), (_, known) =>
      seen.push({
        at: replayed[seen.length] ?? NaN,
        wednesdayOwn: known.ownWeekday(WEDNESDAY),
        ownDays: known.ownDays,
      }),
    );
    expect(seen.length).toBe(replayed.length);
    const wednesday = seen.find((s) => s.at === at('2024-04-24T10:05', BERLIN));
    expect(wednesday, 'the Wednesday e-mail is replayed').toBeDefined();
    // Before: any sitting with weight counted, so the calls made Wednesday the contact's own
    // and the record rated this window uncapped, above what the app shows on that day.
    expect(wednesday?.wednesdayOwn).toBe(false);
    // Every replayed e-mail sees the days the app sees when it computes at the start of the
    // sitting's block, on either side of the clock change: Mondays only.
    expect(seen.length).toBeGreaterThan(5);
    for (const s of seen) {
      expect(s.ownDays, new Date(s.at).toISOString()).toBe(appOwnWeekdays(events, blockOf(s.at)));
      expect(s.ownDays).toBe(1);
    }
  });

  it('the calls replayed for the call channel find Wednesday their own, and Monday not', () => {
    const events = contact();
    const grid = new PersonGridBuilder(options({ asOf: Date.UTC(2024, 5, 1) }), MODEL_PARAMS);
    grid.load('p1', events, false);
    const sample = new SittingSample();
    sample.keep(grid.tz, grid.latestAt, grid.channels);
    const calls = sample.people[0]?.sittings.call;
    if (!calls) throw new Error('no call sittings kept');
    const days: number[] = [];
    replaySittings(calls, MODEL_PARAMS, new ReplayState(24), new ReplayState(24), (_, known) =>
      days.push(known.ownDays),
    );
    expect(days.length).toBeGreaterThan(0);
    // An e-mail weighs a tenth to a third for calls: Monday's sittings are not call evidence.
    for (const d of days) expect(d).toBe(1 << WEDNESDAY);
  });
});
