import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  bookableWindows,
  bookingAtFor,
  bookingRefusal,
  bookingSubject,
  defaultBookingAt,
} from '../../../src/shared/bookingTime';

const BERLIN = 'Europe/Berlin';
const at = (iso: string, zone = BERLIN): number => DateTime.fromISO(iso, { zone }).toMillis();
const win = (from: string, to: string, stars = 4) => ({ start: at(from), end: at(to), stars });

describe('booking a call in a contact’s window', () => {
  const now = at('2026-12-07T09:12');
  const morning = win('2026-12-07T10:00', '2026-12-07T11:00');
  const open = win('2026-12-07T09:00', '2026-12-07T09:45');

  it('books a window to come at its start, and one open now from its next five-minute mark', () => {
    expect(defaultBookingAt(morning, now)).toBe(at('2026-12-07T10:00'));
    expect(defaultBookingAt(open, now)).toBe(at('2026-12-07T09:15'));
    // Less than five minutes left: nothing to book.
    expect(defaultBookingAt(open, at('2026-12-07T09:41'))).toBeNull();
    expect(bookableWindows([morning, open], at('2026-12-07T09:41'))).toEqual([morning]);
  });

  it('takes a time inside a window from now on, and refuses one outside, or past, saying why', () => {
    const windows = [morning, win('2026-12-08T15:00', '2026-12-08T16:00')];
    expect(bookingRefusal(at('2026-12-07T10:30'), windows, now, BERLIN, 'Lukas Weber')).toBeNull();
    expect(bookingRefusal(at('2026-12-08T15:00'), windows, now, BERLIN, 'Lukas Weber')).toBeNull();
    // A window's end is after it.
    expect(bookingRefusal(at('2026-12-07T11:00'), windows, now, BERLIN, 'Lukas Weber')).toBe(
      "Mon 7 Dec 11:00 is outside Lukas Weber's call windows: choose a time inside one (Mon 7 Dec 10:00–11:00, Tue 8 Dec 15:00–16:00).",
    );
    expect(bookingRefusal(at('2026-12-07T08:00'), windows, now, BERLIN, 'Lukas Weber')).toBe(
      'Mon 7 Dec 08:00 has passed: it is Mon 7 Dec 09:12 now. Choose a time to come.',
    );
    expect(bookingRefusal(at('2026-12-07T10:30'), [], now, BERLIN, 'Lukas Weber')).toBe(
      'Lukas Weber has no call window in the next 7 days to book a call in.',
    );
  });

  it('reads a typed time on the rep’s clock across the change to summer time (29 March 2026)', () => {
    // The same 10:00–11:00 window on the rep's clock, the Friday before and the Monday after:
    // 09:00 UTC in winter, 08:00 UTC in summer. 10:15 typed is a quarter past on both.
    const friday = win('2026-03-27T10:00', '2026-03-27T11:00');
    const monday = win('2026-03-30T10:00', '2026-03-30T11:00');
    expect(friday.start).toBe(Date.UTC(2026, 2, 27, 9, 0));
    expect(monday.start).toBe(Date.UTC(2026, 2, 30, 8, 0));
    expect(bookingAtFor(friday, '10:15', BERLIN)).toEqual({ at: Date.UTC(2026, 2, 27, 9, 15) });
    expect(bookingAtFor(monday, '10:15', BERLIN)).toEqual({ at: Date.UTC(2026, 2, 30, 8, 15) });
    // The night of the change, 02:30 does not exist in Berlin: said, not moved to 03:30.
    const night = win('2026-03-29T01:00', '2026-03-29T04:00');
    expect(bookingAtFor(night, '02:30', BERLIN)).toMatchObject({
      skipped: { typed: '02:30', from: '02:00', to: '03:00' },
    });
    expect(bookingAtFor(night, '03:30', BERLIN)).toEqual({ at: Date.UTC(2026, 2, 29, 1, 30) });
    // A contact in New York, whose clocks changed three weeks before: the window the rep sees at
    // 15:00–16:00 Berlin on the Friday is their 10:00–11:00, and the typed time is the rep's.
    const ny = {
      start: at('2026-03-27T10:00', 'America/New_York'),
      end: at('2026-03-27T11:00', 'America/New_York'),
      stars: 3,
    };
    const booked = bookingAtFor(ny, '15:30', BERLIN);
    expect(booked).toEqual({ at: at('2026-03-27T10:30', 'America/New_York') });
    expect(
      bookingRefusal(
        at('2026-03-27T10:30', 'America/New_York'),
        [ny],
        at('2026-03-27T08:00'),
        BERLIN,
        'Ann Lee',
      ),
    ).toBeNull();
  });

  it('reads a time after midnight on the rep’s clock as the next day of a window that runs past it', () => {
    const late = win('2026-12-07T23:00', '2026-12-08T01:00');
    expect(bookingAtFor(late, '00:30', BERLIN)).toEqual({ at: at('2026-12-08T00:30') });
    expect(bookingAtFor(late, '7:5x', BERLIN)).toBeNull();
  });

  it('names the call "Call <name>" unless the rep wrote a subject', () => {
    expect(bookingSubject('', 'Lukas Weber')).toBe('Call Lukas Weber');
    expect(bookingSubject('  Pricing   follow-up ', 'Lukas Weber')).toBe('Pricing follow-up');
    expect(bookingSubject('x'.repeat(300), 'Lukas Weber')).toHaveLength(255);
  });
});
