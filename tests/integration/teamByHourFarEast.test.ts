import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import { TeamViews } from '../../src/main/team/teamViews';
import { eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';

// TM-3's day by hour reads each rep's day as their lane shows it: the working hours of the day
// their plan is for, and that day's windows. A rep far east of the manager starts their next day
// in the manager's evening; that next day has no window on the page, so it is not worked there.

let org: TeamOrg;
let views: TeamViews;
eachTestTeamOrg('cw-team-far-east-', (env) => ({ org, views } = env));

const wall = (zone: string) => (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const berlin = wall('Europe/Berlin');
const sydney = wall('Australia/Sydney');
const tokyo = wall('Asia/Tokyo');
const newYork = wall('America/New_York');

/** The manager's day (its noon in their zone) asked for by date, as the day picker asks. */
function dayOf(manager: string, date: string, noon: number) {
  return views.schedule(
    org.user(manager),
    { now: noon, orgTz: 'Europe/Berlin', settings: DEFAULT_SETTINGS },
    { date },
  );
}
type Day = ReturnType<typeof dayOf>;
/** Reps working in each hour of the day, one digit an hour, from midnight. */
const working = (s: Day): string => s.byHour.map((h) => h.repsWorking).join('');
const laneOf = (s: Day, id: string) => {
  const found = s.reps.find((r) => r.rep.id === id);
  if (!found) throw new Error(`no lane ${id}`);
  return found;
};
/** Hours in which a rep's windows are open and the rep is not counted working in that hour. */
function openUnworked(s: Day, id: string): string[] {
  const lane = laneOf(s, id);
  const windows: [number, number][] = [];
  for (const r of lane.rows) if (r.start !== null && r.end !== null) windows.push([r.start, r.end]);
  for (const w of lane.unshown) windows.push([w.start, w.end]);
  return s.byHour
    .filter((h) => {
      const end = h.start + 3_600_000;
      const open = windows.some(([a, b]) => a < end && h.start < b);
      const works = lane.workingHours.some(([a, b]) => a < end && h.start < b);
      return open && !works;
    })
    .map((h) => h.hour);
}

describe('the day by hour with a rep far east of the manager (TM-3)', () => {
  it("counts a Sydney rep working in a Berlin manager's hours of her own day only, not her next morning, across Berlin's autumn change", () => {
    // Chloe works Sydney's office hours; Rita and Leo the organisation's Berlin 08:00-22:00.
    org.rep('r4', 'Chloe Sydney', 'm1', 'Australia/Sydney');
    org.shift('syd', 'Australia/Sydney', 'Mon-Fri 08:30-17:30', ['r4']);
    org.person('syd', 'r4', { zone: 'Australia/Sydney' });
    for (const weekday of [1, 2, 4, 5])
      org.window('syd', 'call', weekday, '09:00', '10:00', 4, 'Australia/Sydney');
    org.window('syd', 'call', 1, '16:00', '17:00', 3, 'Australia/Sydney');

    // Thursday 22 October: Berlin on summer time, 9 hours behind Sydney. Chloe's Thursday is
    // Berlin's 23:30 the evening before to 08:30; her Friday starts at 23:30, not on this page.
    const thursday = dayOf('m1', '2026-10-22', berlin('2026-10-22T12:00'));
    expect(working(thursday)).toBe('11111111' + '3' + '2'.repeat(13) + '00');
    expect(laneOf(thursday, 'r4').workingHours).toEqual([
      [sydney('2026-10-22T08:30'), sydney('2026-10-22T17:30')],
    ]);

    // Sunday 25 October, 25 hours: nobody works it. Chloe's Monday starts at 22:30 here (her
    // lane shows her Sunday, a day off), so 22:00 and 23:00 are not hers either.
    const sunday = dayOf('m1', '2026-10-25', berlin('2026-10-25T12:00'));
    expect(sunday.byHour).toHaveLength(25);
    expect(laneOf(sunday, 'r4').plan.closed).toBe(true);
    expect(working(sunday)).toBe('0'.repeat(25));

    // Monday 26 October: Berlin on winter time, 10 hours behind. Chloe's Monday is 22:30 on
    // Sunday to 07:30 here, an hour earlier than on Thursday; her Tuesday starts at 22:30.
    const monday = dayOf('m1', '2026-10-26', berlin('2026-10-26T12:00'));
    expect(working(monday)).toBe('11111111' + '2'.repeat(14) + '00');
    expect(laneOf(monday, 'r4').workingHours).toEqual([
      [sydney('2026-10-26T08:30'), sydney('2026-10-26T17:30')],
    ]);
    // Windows open and reps working describe the same day: her 16:00 window is 06:00 here, in
    // her hours; Tuesday's 09:00 (23:00 here) is no more open on this page than she is working.
    const hour = (label: string) => monday.byHour.find((h) => h.hour === label);
    expect(hour('06:00')).toMatchObject({ windowsOpen: 1, repsWorking: 1 });
    expect(hour('23:00')).toMatchObject({ windowsOpen: 0, repsWorking: 0 });
    for (const s of [thursday, sunday, monday]) expect(openUnworked(s, 'r4')).toEqual([]);
  });

  it("counts a Tokyo rep working in a New York manager's hours of his own day only, across New York's autumn change", () => {
    // Ken works Tokyo's office hours; Nora the organisation's Berlin hours, 08:00-22:00 there.
    org.rep('r5', 'Ken Tokyo', 'm2', 'Asia/Tokyo');
    org.shift('tyo', 'Asia/Tokyo', 'Mon-Fri 09:00-18:00', ['r5']);
    org.person('tyo', 'r5', { zone: 'Asia/Tokyo' });
    for (const weekday of [1, 2, 4, 5])
      org.window('tyo', 'call', weekday, '10:00', '11:00', 4, 'Asia/Tokyo');

    // Thursday 29 October: New York on summer time, 13 hours behind Tokyo (and 5 behind
    // Berlin, whose hours Nora keeps: 03:00-17:00 here). Ken's Thursday is 20:00 the evening
    // before to 05:00 here; his Friday begins at 20:00, not on this page.
    const thursday = dayOf('m2', '2026-10-29', newYork('2026-10-29T12:00'));
    expect(working(thursday)).toBe('111' + '2'.repeat(2) + '1'.repeat(12) + '0'.repeat(7));
    expect(laneOf(thursday, 'r5').workingHours).toEqual([
      [tokyo('2026-10-29T09:00'), tokyo('2026-10-29T18:00')],
    ]);

    // Sunday 1 November, 25 hours: Ken's Sunday is his day off; his Monday starts at 19:00 here.
    const sunday = dayOf('m2', '2026-11-01', newYork('2026-11-01T12:00'));
    expect(sunday.byHour).toHaveLength(25);
    expect(working(sunday)).toBe('0'.repeat(25));

    // Monday 2 November: 14 hours behind Tokyo (6 behind Berlin: Nora 02:00-16:00). Ken's
    // Monday is 19:00 on Sunday to 04:00 here, an hour earlier; his Tuesday begins at 19:00.
    const monday = dayOf('m2', '2026-11-02', newYork('2026-11-02T12:00'));
    expect(working(monday)).toBe('11' + '2'.repeat(2) + '1'.repeat(12) + '0'.repeat(8));
    const hour = (label: string) => monday.byHour.find((h) => h.hour === label);
    // His 10:00 window is 20:00 on Sunday here: not in this day. Tuesday's is 20:00 tonight,
    // on his next day: neither open here nor worked.
    expect(hour('20:00')).toMatchObject({ windowsOpen: 0, repsWorking: 0 });
    for (const s of [thursday, sunday, monday]) expect(openUnworked(s, 'r5')).toEqual([]);
  });
});
