import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { statusAt } from '../../../src/shared/activityStatus';

const BERLIN = 'Europe/Berlin';
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: BERLIN }).toMillis();
const booked = (
  kind: string,
  iso: string,
  status = 'scheduled',
  durationS: number | null = null,
) => ({
  kind,
  status,
  startAt: berlin(iso),
  durationS,
});

describe('an activity’s status at the moment it is read', () => {
  it('reads a call due later today as scheduled, and one past its due time as overdue', () => {
    const now = berlin('2026-12-07T08:40');
    expect(statusAt(booked('call', '2026-12-07T16:00'), now, BERLIN)).toBe('scheduled');
    expect(statusAt(booked('call', '2026-12-07T08:39'), now, BERLIN)).toBe('overdue');
    // Lukas Walsh's call on the demo: two days before, still open in the CRM.
    expect(statusAt(booked('call', '2026-12-05T16:00'), now, BERLIN)).toBe('overdue');
    // Due this very minute: not yet past it.
    expect(statusAt(booked('call', '2026-12-07T08:40'), now, BERLIN)).toBe('scheduled');
  });

  it('reads a task with a time only as planned all its day on the reader’s clock, past its time too, and overdue from midnight', () => {
    const task = booked('task', '2026-12-07T08:45');
    expect(statusAt(task, berlin('2026-12-07T08:46'), BERLIN)).toBe('scheduled');
    expect(statusAt(task, berlin('2026-12-07T23:59'), BERLIN)).toBe('scheduled');
    expect(statusAt(task, berlin('2026-12-08T00:00'), BERLIN)).toBe('overdue');
    // 08:45 Berlin is 02:45 in New York: the same Monday there, over at New York's midnight.
    const ny = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();
    expect(statusAt(task, ny('2026-12-07T23:59'), 'America/New_York')).toBe('scheduled');
    expect(statusAt(task, ny('2026-12-08T00:00'), 'America/New_York')).toBe('overdue');
  });

  it('keeps a completed or cancelled one as the CRM says, however old', () => {
    const now = berlin('2026-12-07T08:40');
    expect(statusAt(booked('task', '2026-12-05T16:00', 'completed'), now, BERLIN)).toBe(
      'completed',
    );
    expect(statusAt(booked('call', '2026-12-05T16:00', 'cancelled'), now, BERLIN)).toBe(
      'cancelled',
    );
  });

  it('reads a meeting planned until it ends and completed after, never overdue', () => {
    const meeting = booked('meeting', '2026-12-07T08:00', 'scheduled', 3600);
    expect(statusAt(meeting, berlin('2026-12-07T08:40'), BERLIN)).toBe('scheduled');
    expect(statusAt(meeting, berlin('2026-12-07T09:00'), BERLIN)).toBe('completed');
  });

  it('goes by instants for a call across the night the clocks go back: due 02:30 on the second pass is not overdue on the first', () => {
    // Berlin's clocks go back from 03:00 to 02:00 on Sunday 25 October 2026: 02:30 happens twice.
    const firstPass = DateTime.fromISO('2026-10-25T02:30', { zone: BERLIN }).toMillis();
    const secondPass = firstPass + 3_600_000;
    const due = { kind: 'call', status: 'scheduled', startAt: secondPass, durationS: null };
    expect(statusAt(due, firstPass + 10 * 60_000, BERLIN)).toBe('scheduled');
    expect(statusAt(due, secondPass + 60_000, BERLIN)).toBe('overdue');
    // A call due the day after the change, read the day before at a later wall-clock hour.
    const monday = booked('call', '2026-10-26T09:00');
    expect(statusAt(monday, berlin('2026-10-24T10:00'), BERLIN)).toBe('scheduled');
    expect(statusAt(monday, berlin('2026-10-26T08:59'), BERLIN)).toBe('scheduled');
    expect(statusAt(monday, berlin('2026-10-26T09:01'), BERLIN)).toBe('overdue');
  });

  it('keeps a task with a time only planned through Berlin’s 25-hour 25 October 2026, overdue at its midnight', () => {
    // Placed at 02:30 on the second pass; 24 hours after the day's start is 23:00 that evening.
    const secondPass =
      DateTime.fromISO('2026-10-25T02:30', { zone: BERLIN }).toMillis() + 3_600_000;
    const task = { kind: 'task', status: 'scheduled', startAt: secondPass, durationS: null };
    expect(statusAt(task, berlin('2026-10-25T23:30'), BERLIN)).toBe('scheduled');
    expect(statusAt(task, berlin('2026-10-26T00:00'), BERLIN)).toBe('overdue');
  });

  it('reads a CRM task due on a date as planned all that date on the reader’s clock, then overdue', () => {
    // Zoho's Due_Date 2026-11-25, placed at 09:00 Berlin; read by a New York rep at 04:00 there.
    const task = { ...booked('task', '2026-11-25T09:00'), dueDate: '2026-11-25' };
    const ny = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();
    expect(statusAt(task, ny('2026-11-25T04:00'), 'America/New_York')).toBe('scheduled');
    expect(statusAt(task, ny('2026-11-25T23:59'), 'America/New_York')).toBe('scheduled');
    expect(statusAt(task, ny('2026-11-26T00:00'), 'America/New_York')).toBe('overdue');
    // Tokyo's Wednesday ends 16:00 Berlin: overdue there while New York's day is still on.
    const tokyoThursday = berlin('2026-11-25T16:30');
    expect(statusAt(task, tokyoThursday, 'Asia/Tokyo')).toBe('overdue');
    expect(statusAt(task, tokyoThursday, 'America/New_York')).toBe('scheduled');
    // Done is done, whatever the date.
    expect(statusAt({ ...task, status: 'completed' }, tokyoThursday, 'Asia/Tokyo')).toBe(
      'completed',
    );
  });
});
