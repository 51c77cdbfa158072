import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  snoozeAtOnceTo,
  snoozeChoices,
  starsWords,
} from '../../../src/renderer/src/plan/snoozeChoices';
import { plannerRow } from '../../fixtures/plannerRow';

// A 5★ row 09:00–10:00 in Berlin with a ½★ hour at 11:00 and a 4★ window at 15:00, on the day the
// clocks go back (Sunday 25 October 2026: 25 hours).
const at = (hhmm: string) =>
  DateTime.fromISO(`2026-10-25T${hhmm}`, { zone: 'Europe/Berlin' }).toMillis();
const row = plannerRow({
  personId: 'emma',
  start: at('09:00'),
  end: at('10:00'),
  stars: 5,
  alternatives: [
    { start: at('15:00'), end: at('16:00'), stars: 4 },
    { start: at('11:00'), end: at('12:00'), stars: 0.5 },
  ],
});

describe('Snooze on a row whose window has passed (review52 3)', () => {
  it('offers the sure window and the ½★ hour while both are still to come', () => {
    expect(snoozeChoices(row, at('10:10'))).toEqual({
      sure: { start: at('15:00'), end: at('16:00'), stars: 4, today: true },
      sooner: { start: at('11:00'), end: at('12:00'), stars: 0.5, today: true },
    });
  });

  it('never offers a ½★ hour that has ended: the row goes on to the next window at once', () => {
    expect(snoozeChoices(row, at('12:30'))).toBeNull();
    expect(snoozeAtOnceTo(row, at('12:30'))).toBe(at('15:00'));
  });

  it('with every later window over, offers the next day as the day’s last window does', () => {
    expect(snoozeChoices(row, at('16:30'))).toEqual({ sure: null, sooner: null });
    expect(snoozeAtOnceTo(row, at('16:30'))).toBeUndefined();
  });
});

describe('stars in words, as the offer and the focused row’s day both say them (review52 6)', () => {
  it('says halves as ½', () => {
    expect([0.5, 2, 4.5, 5].map(starsWords)).toEqual(['½★', '2★', '4½★', '5★']);
  });
});
