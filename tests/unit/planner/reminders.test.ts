import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { reminderSchedule } from '../../../src/main/planner/reminders';
import { plannerRow } from '../../fixtures/plannerRow';

const zone = 'Europe/Berlin';
const at = (hhmm: string) => DateTime.fromISO(`2026-11-23T${hhmm}`, { zone }).toMillis();
const clock = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
const now = at('10:55');

/** A row showing the window from `from` to `to`, its state at 10:55, and the day's other windows. */
function row(
  name: string,
  from: string,
  to: string,
  stars: number,
  more: Partial<PlannerRow> = {},
  alternatives: [string, string, number][] = [],
): PlannerRow {
  const start = at(from);
  return plannerRow({
    personId: name,
    name,
    start,
    end: at(to),
    stars,
    state: start > now ? 'upcoming' : 'now',
    alternatives: alternatives.map(([a, b, s]) => ({ start: at(a), end: at(b), stars: s })),
    ...more,
  });
}

const schedule = (rows: PlannerRow[]) =>
  reminderSchedule(rows, now).map((r) => ({
    start: clock(r.start),
    people: r.people.map((p) => p.name),
    more: r.more,
  }));

describe('reminders name the windows the planner lists (BT-8)', () => {
  it('remind of the rows whose window opens, not of the unsure hours of people in another window now', () => {
    const rows = [
      row('Hannah', '11:00', '12:00', 5),
      row('Jack', '11:00', '12:00', 5),
      // An unsure window the planner folds under "Low confidence": no reminder.
      row('Lena', '11:00', '12:00', 1.5, { channel: 'email' }),
      // In a window now; their day's ½★ hour at 11:00 is on no row of the planner.
      row('Mia', '10:00', '11:00', 4, {}, [['11:00', '12:00', 0.5]]),
      row('Noah', '10:30', '11:30', 3, {}, [['11:00', '12:00', 1]]),
    ];
    expect(schedule(rows)).toEqual([{ start: '11:00', people: ['Hannah', 'Jack'], more: 0 }]);
  });

  it('remind of a sure window after the one shown: the planner lists it as its own row when this one ends', () => {
    const rows = [row('Mia', '10:00', '11:00', 4, {}, [['15:00', '16:00', 3]])];
    expect(schedule(rows)).toEqual([{ start: '15:00', people: ['Mia'], more: 0 }]);
  });

  it('leave out a person reached today (in a window or before it), and rows done, skipped or snoozed to another day; a snoozed row at the window it went to, a row only tried at its next', () => {
    const later: [string, string, number][] = [['15:00', '16:00', 4]];
    const rows = [
      row('Called', '10:00', '11:00', 4, { reached: { at: at('10:43'), inWindow: true } }, later),
      row('Done', '11:00', '12:00', 5, { action: 'done' }, later),
      row('Skipped', '11:00', '12:00', 5, { action: 'skipped' }, later),
      { ...row('Away', '11:00', '12:00', 5, { action: 'snoozed' }), start: null, end: null },
      row('Snoozed', '15:00', '16:00', 4, { action: 'snoozed' }),
      // Called at 08:00, before this window: reached, the window needs no call (isWorthNow).
      row('Before', '11:00', '12:00', 4, { reached: { at: at('08:00'), inWindow: false } }, later),
      // Nobody answered at 10:43 in the window now: the next one is still to call in.
      row(
        'Tried',
        '10:00',
        '11:00',
        4,
        { tried: { at: at('10:43'), outcome: 'no_answer', inWindow: true } },
        later,
      ),
    ];
    expect(schedule(rows)).toEqual([{ start: '15:00', people: ['Snoozed', 'Tried'], more: 0 }]);
  });
});

describe('reminders of a crowded hour', () => {
  it('name the best three of hundreds opening at once (stars, calls first, then name), count the rest, and go off 5 minutes before, over the spring change', () => {
    // Sunday 29 March 2026: 03:00 summer time is 01:00 UTC, an hour after 02:00 winter time.
    const spring = (hhmm: string) => DateTime.fromISO(`2026-03-29T${hhmm}`, { zone }).toMillis();
    const early = spring('01:30');
    const names = Array.from({ length: 400 }, (_, i) => `Person ${String(i).padStart(3, '0')}`);
    const rows = names.map((name, i) =>
      plannerRow({
        personId: name,
        name,
        start: spring('03:00'),
        end: spring('04:00'),
        stars: i % 7 === 3 ? 5 : 4,
        state: 'upcoming',
        channel: i % 2 === 0 ? 'email' : 'call',
        alternatives: [],
      }),
    );
    const [reminder, ...others] = reminderSchedule(rows.reverse(), early);
    expect(others).toEqual([]);
    expect(reminder?.people.map((p) => [p.name, p.channel, p.stars])).toEqual([
      ['Person 003', 'call', 5],
      ['Person 017', 'call', 5],
      ['Person 031', 'call', 5],
    ]);
    expect(reminder?.more).toBe(397);
    expect(reminder?.at).toBe(Date.UTC(2026, 2, 29, 0, 55));
  });
});
