import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  dueDateOver,
  dueDayWords,
  taskDueDay,
  taskDueText,
  taskOverdue,
} from '../../../src/shared/taskDue';

const NEW_YORK = 'America/New_York';
const TOKYO = 'Asia/Tokyo';
const SYDNEY = 'Australia/Sydney';
const BERLIN = 'Europe/Berlin';
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('a task due on a date, on the rep’s own clock', () => {
  it('reads a task due today as due, not overdue, before the rep’s day has started in Berlin', () => {
    // 10:00 Berlin is 04:00 in New York: the org's 09:00 placing has passed, the date has not.
    const now = at('2026-11-25T10:00', BERLIN);
    expect(taskDueText('2026-11-25', now, NEW_YORK)).toBe('task due today');
    expect(taskDueText('2026-11-25', at('2026-11-25T23:59', NEW_YORK), NEW_YORK)).toBe(
      'task due today',
    );
    expect(taskDueText('2026-11-25', at('2026-11-26T00:00', NEW_YORK), NEW_YORK)).toBe(
      'overdue: task due yesterday',
    );
  });

  it('keeps a Tokyo and a Sydney rep’s task due until their own midnight', () => {
    expect(taskDueText('2026-11-25', at('2026-11-25T18:00', TOKYO), TOKYO)).toBe('task due today');
    expect(dueDateOver('2026-11-25', at('2026-11-25T23:59:59', TOKYO), TOKYO)).toBe(false);
    expect(dueDateOver('2026-11-25', at('2026-11-26T00:00', TOKYO), TOKYO)).toBe(true);
    expect(taskDueText('2026-11-25', at('2026-11-25T19:00', SYDNEY), SYDNEY)).toBe(
      'task due today',
    );
    // The same instant is already Thursday in Sydney: there the task is overdue.
    const berlinEvening = at('2026-11-25T15:00', BERLIN);
    expect(dueDateOver('2026-11-25', berlinEvening, SYDNEY)).toBe(true);
    expect(dueDateOver('2026-11-25', berlinEvening, NEW_YORK)).toBe(false);
  });

  it('ends 29 March 2026 (23 hours in Berlin) at Berlin’s midnight, not 24 hours on', () => {
    // 24 hours after 00:00 CET is 01:00 CEST on the 30th: at 00:30 the date is over all the same.
    expect(dueDateOver('2026-03-29', at('2026-03-29T23:30', BERLIN), BERLIN)).toBe(false);
    expect(dueDateOver('2026-03-29', at('2026-03-30T00:30', BERLIN), BERLIN)).toBe(true);
    expect(taskDueText('2026-03-29', at('2026-03-30T00:30', BERLIN), BERLIN)).toBe(
      'overdue: task due yesterday',
    );
    // The same week in New York (summer time since 8 March) and Tokyo (none).
    expect(dueDateOver('2026-03-29', at('2026-03-29T23:30', NEW_YORK), NEW_YORK)).toBe(false);
    expect(dueDateOver('2026-03-29', at('2026-03-30T00:00', TOKYO), TOKYO)).toBe(true);
  });

  it('ends 25 October 2026 (25 hours in Berlin) at Berlin’s midnight, not an hour sooner', () => {
    // 24 hours after 00:00 CEST is 23:00 CET on the 25th: at 23:30 the date is still on.
    expect(taskDueText('2026-10-25', at('2026-10-25T23:30', BERLIN), BERLIN)).toBe(
      'task due today',
    );
    expect(dueDateOver('2026-10-25', at('2026-10-26T00:00', BERLIN), BERLIN)).toBe(true);
  });

  it('ends Sydney’s clock-change days (4 October, 23 hours; 5 April, 25 hours) at their midnight', () => {
    expect(dueDateOver('2026-10-04', at('2026-10-04T23:30', SYDNEY), SYDNEY)).toBe(false);
    expect(dueDateOver('2026-10-05', at('2026-10-05T00:30', SYDNEY), SYDNEY)).toBe(false);
    expect(dueDateOver('2026-10-04', at('2026-10-05T00:30', SYDNEY), SYDNEY)).toBe(true);
    expect(dueDateOver('2026-04-05', at('2026-04-05T23:30', SYDNEY), SYDNEY)).toBe(false);
    expect(dueDateOver('2026-04-05', at('2026-04-06T00:00', SYDNEY), SYDNEY)).toBe(true);
  });

  it('names the date as the rep reads it: tomorrow, or its day when further off', () => {
    const now = at('2026-11-25T10:00', TOKYO);
    expect(taskDueText('2026-11-26', now, TOKYO)).toBe('task due tomorrow');
    expect(taskDueText('2026-11-30', now, TOKYO)).toBe('task due Mon 30 Nov');
    expect(taskDueText('2026-11-23', now, TOKYO)).toBe('overdue: task due Mon 23 Nov');
    expect(dueDayWords('2027-01-04', now, TOKYO)).toBe('Mon 4 Jan 2027');
  });

  it('never calls a date it cannot read overdue', () => {
    expect(dueDateOver('not a date', Date.now(), TOKYO)).toBe(false);
    expect(dueDayWords('not a date', Date.now(), TOKYO)).toBe('not a date');
  });
});

describe('the day a task is due on, for "Move to…"', () => {
  it('is its due date when it has one, wherever its hour is placed', () => {
    expect(
      taskDueDay({ dueDate: '2026-11-25', startAt: at('2026-11-24T23:00', TOKYO) }, TOKYO),
    ).toBe('2026-11-25');
  });

  it('is, for a task with a time only, the day that time falls on on the rep’s clock, across New York’s 25-hour Sunday', () => {
    // 00:30 summer time and 23:30 winter time: 24 hours apart, the same Sunday in New York, the
    // Sunday and the Monday in UTC and in Berlin.
    expect(taskDueDay({ startAt: at('2026-11-01T00:30', NEW_YORK) }, NEW_YORK)).toBe('2026-11-01');
    expect(taskDueDay({ dueDate: null, startAt: at('2026-11-01T23:30', NEW_YORK) }, NEW_YORK)).toBe(
      '2026-11-01',
    );
    expect(taskDueDay({ startAt: at('2026-11-01T23:30', NEW_YORK) }, BERLIN)).toBe('2026-11-02');
  });
});

describe('a task is overdue only once the day it is due is over on the rep’s clock', () => {
  it('keeps a task with a time only, placed at 08:45 this morning, due at 08:46 and until midnight', () => {
    const task = { startAt: at('2026-12-07T08:45', BERLIN) };
    expect(taskOverdue(task, at('2026-12-07T08:46', BERLIN), BERLIN)).toBe(false);
    expect(taskOverdue(task, at('2026-12-07T23:59:59', BERLIN), BERLIN)).toBe(false);
    expect(taskOverdue(task, at('2026-12-08T00:00', BERLIN), BERLIN)).toBe(true);
  });

  it('turns a task placed at 23:45 overdue a quarter of an hour later, at midnight', () => {
    const task = { dueDate: null, startAt: at('2026-12-07T23:45', BERLIN) };
    expect(taskOverdue(task, at('2026-12-07T23:50', BERLIN), BERLIN)).toBe(false);
    expect(taskOverdue(task, at('2026-12-08T00:00', BERLIN), BERLIN)).toBe(true);
  });

  it('on Berlin’s 25-hour 25 October 2026, keeps a task placed at 08:45 due at 23:30, overdue at 00:00', () => {
    // 24 hours after 00:00 CEST is 23:00 CET: a rule counting 24 hours would call it overdue at 23:30.
    const task = { startAt: at('2026-10-25T08:45', BERLIN) };
    expect(taskOverdue(task, at('2026-10-25T23:30', BERLIN), BERLIN)).toBe(false);
    expect(taskOverdue(task, at('2026-10-26T00:00', BERLIN), BERLIN)).toBe(true);
  });

  it('on Berlin’s 23-hour 29 March 2026, turns it overdue at 00:00, an hour before 24 hours are up', () => {
    const task = { startAt: at('2026-03-29T08:45', BERLIN) };
    expect(taskOverdue(task, at('2026-03-29T23:59', BERLIN), BERLIN)).toBe(false);
    expect(taskOverdue(task, at('2026-03-30T00:00', BERLIN), BERLIN)).toBe(true);
  });

  it('goes by the rep’s day: 08:45 Berlin is 02:45 in New York, due there until New York’s midnight', () => {
    const task = { startAt: at('2026-12-07T08:45', BERLIN) };
    expect(taskOverdue(task, at('2026-12-07T23:59', NEW_YORK), NEW_YORK)).toBe(false);
    expect(taskOverdue(task, at('2026-12-08T00:00', NEW_YORK), NEW_YORK)).toBe(true);
  });

  it('goes by the due date when there is one, not the hour it is placed at', () => {
    const task = { dueDate: '2026-12-08', startAt: at('2026-12-07T09:00', BERLIN) };
    expect(taskOverdue(task, at('2026-12-08T23:59', BERLIN), BERLIN)).toBe(false);
    expect(taskOverdue(task, at('2026-12-09T00:00', BERLIN), BERLIN)).toBe(true);
  });
});
