import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { snoozedText } from '../../../src/renderer/src/plan/snoozeChoices';
import { plannerRow } from '../../fixtures/plannerRow';

const ZONE = 'Europe/Berlin';

/** Leon's call windows on `day` ('HH:mm' on the rep's clock), and the row of the first. */
function leon(day: string, list: [string, string, number][]) {
  const at = (t: string) => DateTime.fromISO(`${day}T${t}`, { zone: ZONE }).toMillis();
  const [own, ...others] = list.map(([f, t, stars]) => ({ start: at(f), end: at(t), stars }));
  if (!own) throw new Error('no window');
  return { at, row: plannerRow({ personId: 'leon', name: 'Leon', ...own, alternatives: others }) };
}

describe('what a snooze that moves at once says (PL-4)', () => {
  // Berlin's clocks go forward at 02:00 on Sunday 29 March, back at 03:00 on 25 October.
  for (const day of ['2026-12-07', '2026-03-29', '2026-10-25'])
    it(`names the window the row now shows, past the hour open now and a ½★ hour, on ${day}`, () => {
      // The 5★ morning has just ended; a 3★ hour is open: a snooze moves on from that one.
      const { at, row } = leon(day, [
        ['08:00', '09:00', 5],
        ['09:00', '10:00', 3],
        ['11:00', '12:00', 0.5],
        ['15:00', '16:00', 4],
      ]);
      expect(snoozedText(row, ZONE, at('09:10'))).toBe('Leon: snoozed to 15:00.');
    });

  it('a ½★ hour it went to says so, and where the row waits', () => {
    const { at, row } = leon('2026-12-07', [
      ['08:00', '09:30', 0.5],
      ['10:00', '11:00', 0.5],
    ]);
    expect(snoozedText(row, ZONE, at('09:00'))).toBe(
      'Leon: snoozed to 10:00. That window is under 2★: the row waits under “Low confidence”.',
    );
  });

  it('the day’s last window says the next day’s, or that the row is done for today', () => {
    const { at, row } = leon('2026-12-07', [['15:00', '16:00', 4]]);
    expect(snoozedText(row, ZONE, at('15:10'))).toBe('Leon: snoozed for today.');
    const nextWindow = { start: at('15:00') + 86_400_000, end: at('16:00') + 86_400_000, stars: 5 };
    expect(snoozedText({ ...row, nextWindow }, ZONE, at('15:10'))).toBe(
      'Leon: snoozed to Tue 15:00.',
    );
  });
});
