import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { holidayText, weekdayHoursText } from '../../../src/renderer/src/format/workingHoursText';

const WEEKDAYS_8_TO_18: [number, number][][] = [
  [[480, 1080]],
  [[480, 1080]],
  [[480, 1080]],
  [[480, 1080]],
  [[480, 1080]],
  [],
  [],
];
const at = (iso: string): number => DateTime.fromISO(iso, { setZone: true }).toMillis();

describe('weekdayHoursText', () => {
  it('gives a New York rep Berlin’s 08:00–18:00 at 02:00–12:00 their time, and at 03:00–13:00 in the weeks New York has changed its clocks and Berlin has not', () => {
    const before = weekdayHoursText(
      WEEKDAYS_8_TO_18,
      'Europe/Berlin',
      'America/New_York',
      at('2026-03-02T10:00:00Z'),
    );
    expect(before[0]).toEqual({
      weekday: 'Monday',
      date: '2026-03-02',
      hours: '08:00–18:00',
      yours: '02:00–12:00',
    });
    // New York springs forward on 8 March 2026, Berlin on 29 March.
    const between = weekdayHoursText(
      WEEKDAYS_8_TO_18,
      'Europe/Berlin',
      'America/New_York',
      at('2026-03-09T10:00:00Z'),
    );
    expect(between[0]).toEqual({
      weekday: 'Monday',
      date: '2026-03-09',
      hours: '08:00–18:00',
      yours: '03:00–13:00',
    });
    expect(between[5]).toEqual({
      weekday: 'Saturday',
      date: '2026-03-14',
      hours: 'closed',
      yours: null,
    });
  });

  it('reads each weekday on its coming date: on a Saturday, Monday is the one after the clocks change', () => {
    // Saturday 28 March 2026: Berlin changes its clocks on Sunday 29 March.
    const week = weekdayHoursText(
      WEEKDAYS_8_TO_18,
      'Europe/Berlin',
      'America/New_York',
      at('2026-03-28T12:00:00Z'),
    );
    expect(week[0]).toMatchObject({ date: '2026-03-30', yours: '02:00–12:00' });
    expect(week[4]).toMatchObject({ weekday: 'Friday', date: '2026-04-03' });
  });

  it('says when a rep far east works the hours past their own midnight', () => {
    const week = weekdayHoursText(
      WEEKDAYS_8_TO_18,
      'Europe/Berlin',
      'Asia/Tokyo',
      at('2026-12-07T10:00:00Z'),
    );
    expect(week[0]?.yours).toBe('16:00–02:00 next day');
  });

  it('adds nothing for a rep whose clock reads the hours’ own, and names a shift’s lunch hour and a whole day', () => {
    const week = weekdayHoursText(
      [
        [
          [540, 720],
          [780, 1080],
        ],
        [[0, 1440]],
        [],
        [],
        [],
        [],
        [],
      ],
      'Europe/Berlin',
      'Europe/Paris',
      at('2026-12-07T10:00:00Z'),
    );
    expect(week[0]).toMatchObject({ hours: '09:00–12:00, 13:00–18:00', yours: null });
    expect(week[1]).toMatchObject({ hours: 'all day', yours: null });
  });
});

describe('holidayText', () => {
  it('gives a Berlin holiday on the day Berlin changes its clocks to a New York rep as the 23 hours it is on their clock', () => {
    // Easter Sunday 28 March 2027, a 23-hour day in Berlin.
    const from = DateTime.fromISO('2027-03-28', { zone: 'Europe/Berlin' });
    const text = holidayText(
      {
        date: '2027-03-28',
        name: 'Easter Sunday',
        from: from.toMillis(),
        to: from.plus({ days: 1 }).toMillis(),
      },
      'Europe/Berlin',
      'America/New_York',
      at('2026-12-07T10:00:00Z'),
    );
    expect(text).toEqual({
      day: 'Sunday 28 March 2027',
      name: 'Easter Sunday',
      yours: 'Sat 27 Mar 19:00 – Sun 28 Mar 18:00',
    });
  });

  it('says only the day to a rep on the holiday’s own clock', () => {
    const from = DateTime.fromISO('2026-12-25', { zone: 'Europe/Berlin' });
    expect(
      holidayText(
        {
          date: '2026-12-25',
          name: 'Christmas Day',
          from: from.toMillis(),
          to: from.plus({ days: 1 }).toMillis(),
        },
        'Europe/Berlin',
        'Europe/Berlin',
        at('2026-12-07T10:00:00Z'),
      ),
    ).toEqual({ day: 'Friday 25 December', name: 'Christmas Day', yours: null });
  });
});
