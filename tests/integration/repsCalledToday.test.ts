import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';
import { allUsers } from '../../src/main/db/repos/users';
import { contactTimes, repsCalledToday } from '../../src/main/planner/reachedRows';

// Before a relearn the core asks which reps called someone on their today (to keep that day's
// plan first). It is asked of all reps in one query; the answers are those of each rep's own
// `contactTimes`, whose days differ by zone. A guard: the same reps, several zones, across the
// autumn night (Sunday 25 October 2026: 25 hours in Berlin and London, an ordinary day in New
// York, where the clocks change a week later).

let org: TeamOrg | null = null;
eachTestTeamOrg('cw-called-today-', (env) => (org = env.org));
const current = (): TeamOrg => {
  if (!org) throw new Error('no organisation');
  return org;
};

/** Each rep's answer asked alone, as the core asked it before. */
function oneByOne(o: TeamOrg, now: number): Set<string> {
  const out = new Set<string>();
  for (const u of allUsers(o.db)) {
    const today = DateTime.fromMillis(now, { zone: u.time_zone }).toISODate() ?? '';
    if (contactTimes(o.db, u.id, u.time_zone, today, now)?.call.size) out.add(u.id);
  }
  return out;
}

describe('the reps who called someone on their today', () => {
  it('are those each rep’s own day says, asked for all reps at once, across the autumn night', () => {
    const o = current();
    o.rep('r4', 'Kim Kiritimati', 'm1', 'Pacific/Kiritimati');
    for (const [person, owner] of [
      ['p1', 'r1'],
      ['p2', 'r2'],
      ['p3', 'r3'],
      ['p4', 'r4'],
      ['p9', 'r9'],
    ] as const)
      o.person(person, owner);
    // Sunday 22:30 in Berlin (21:30 UTC).
    const now = DateTime.fromISO('2026-10-25T22:30', { zone: 'Europe/Berlin' }).toMillis();
    // Rita (Berlin): the second 02:30 of the night, an hour after the first: today's.
    o.activity('p1', 'r1', 'call', '2026-10-25T02:30+01:00');
    // Leo (London): a call over before his midnight (Saturday 23:50–23:55 London): not today's;
    // an email today: not a call.
    o.activity('p2', 'r2', 'call', '2026-10-24T23:50', { zone: 'Europe/London', durationS: 300 });
    o.activity('p2', 'r2', 'email', '2026-10-25T10:00', { zone: 'Europe/London' });
    // Nora (New York, 17:30 there): a call at 23:50 on Saturday running 20 minutes into Sunday.
    o.activity('p3', 'r3', 'call', '2026-10-24T23:50', {
      zone: 'America/New_York',
      durationS: 1200,
    });
    // Kim (Kiritimati, UTC+14: already Monday 11:30): a call on Sunday there, not today's.
    o.activity('p4', 'r4', 'call', '2026-10-25T15:00', { zone: 'Pacific/Kiritimati' });
    // Olga (Berlin): a missed inbound call is no call of hers; nobody else called today.
    o.activity('p9', 'r9', 'call', '2026-10-25T09:00', {
      direction: 'in',
      signal: 'call_inbound_missed',
    });

    const all = allUsers(o.db);
    const together = repsCalledToday(o.db, all, now);
    expect([...together].sort()).toEqual(['r1', 'r3']);
    expect(together).toEqual(oneByOne(o, now));
    // Kim's Monday call, after it: now today's for Kim alone.
    o.activity('p4', 'r4', 'call', '2026-10-26T09:00', { zone: 'Pacific/Kiritimati' });
    expect([...repsCalledToday(o.db, all, now)].sort()).toEqual(['r1', 'r3', 'r4']);
    expect(repsCalledToday(o.db, all, now)).toEqual(oneByOne(o, now));
  });
});
