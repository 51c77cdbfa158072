import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  withEmailVisits,
  type EmailVisit,
  type VisitSummary,
} from '../../../src/main/people/visitSummary';

const BERLIN = 'Europe/Berlin';
const at = (iso: string): number => DateTime.fromISO(iso, { zone: BERLIN }).toMillis();

const NONE: VisitSummary = {
  daysVisited: null,
  chats: null,
  avgTimeSpentMin: null,
  firstVisitAt: null,
  lastVisitAt: null,
  firstVisitedUrl: null,
  referrer: null,
  score: null,
};
const noLinked = { count: 0, timeSpentS: 0, startedAt: [] };

function visit(id: string, startedAt: number, minutes = 2, chats = 0): EmailVisit {
  return { id, startedAt, timeSpentS: minutes * 60, referrer: `https://ref.example/${id}`, chats };
}
const firstPage = (id: string): string => `/${id}`;

describe('a visit summary with the visits matched by e-mail (VT-3)', () => {
  it('is the CRM’s own when no visit is matched', () => {
    const crm = { ...NONE, daysVisited: 3, score: 40 };
    expect(withEmailVisits(crm, noLinked, [], BERLIN, firstPage)).toBe(crm);
  });

  it('counts the days in the organisation’s zone: one day of 25 hours at the end of summer time', () => {
    // Sunday 25 October 2026 in Berlin runs from 00:00 CEST to 24:00 CET: a visit linked at 00:30
    // and one by e-mail at 23:30 (24 hours later) are the same day.
    const linked = { count: 1, timeSpentS: 120, startedAt: [at('2026-10-25T00:30')] };
    const sameDay = withEmailVisits(
      { ...NONE, daysVisited: 1 },
      linked,
      [visit('late', at('2026-10-25T23:30'))],
      BERLIN,
      firstPage,
    );
    expect(sameDay.daysVisited).toBe(1);
  });

  it('counts the days in the organisation’s zone: two days 23 hours apart at the start of summer time', () => {
    const linked = { count: 1, timeSpentS: 120, startedAt: [at('2026-03-28T23:30')] };
    const next = withEmailVisits(
      { ...NONE, daysVisited: 1 },
      linked,
      [visit('sunday', at('2026-03-29T23:30'))],
      BERLIN,
      firstPage,
    );
    expect(next.daysVisited).toBe(2);
    expect(at('2026-03-29T23:30') - at('2026-03-28T23:30')).toBe(23 * 3_600_000);
  });

  it('weighs the CRM’s average by the visits stored linked, and adds the chats of the matched ones', () => {
    const linked = {
      count: 3,
      timeSpentS: 0, // the CRM's average stands for them
      startedAt: [at('2026-11-02T10:00'), at('2026-11-03T10:00'), at('2026-11-04T10:00')],
    };
    const summary = withEmailVisits(
      {
        ...NONE,
        daysVisited: 3,
        chats: 1,
        avgTimeSpentMin: 2,
        firstVisitAt: at('2026-11-02T10:00'),
        lastVisitAt: at('2026-11-04T10:00'),
        firstVisitedUrl: '/crm-first',
        referrer: 'https://crm.example/',
        score: 55,
      },
      linked,
      [visit('later', at('2026-11-05T09:00'), 10, 2)],
      BERLIN,
      firstPage,
    );
    expect(summary).toEqual({
      daysVisited: 4,
      chats: 3,
      avgTimeSpentMin: 4, // (3 × 2 + 10) / 4
      firstVisitAt: at('2026-11-02T10:00'),
      lastVisitAt: at('2026-11-05T09:00'),
      firstVisitedUrl: '/crm-first',
      referrer: 'https://crm.example/',
      score: 55,
    });
  });

  it('takes the stored linked visits where the CRM gives no summary, and the first page of whichever visit came first', () => {
    const linked = {
      count: 2,
      timeSpentS: 5 * 60,
      startedAt: [at('2026-11-10T09:00'), at('2026-11-11T09:00')],
    };
    const summary = withEmailVisits(
      NONE,
      linked,
      [visit('early', at('2026-11-09T17:00'), 1), visit('again', at('2026-11-10T18:00'), 2)],
      BERLIN,
      firstPage,
    );
    expect(summary).toEqual({
      daysVisited: 3,
      chats: null,
      avgTimeSpentMin: 2, // (5 + 1 + 2) / 4
      firstVisitAt: at('2026-11-09T17:00'),
      lastVisitAt: at('2026-11-11T09:00'),
      firstVisitedUrl: '/early',
      referrer: 'https://ref.example/early',
      score: null,
    });
  });

  it('counts the visits the CRM linked to the person when its summary is still empty', () => {
    const linked = {
      count: 1,
      timeSpentS: 3 * 60,
      startedAt: [at('2026-12-07T13:59')],
      first: { id: 'v1', startedAt: at('2026-12-07T13:59'), referrer: null },
    };
    expect(withEmailVisits({ ...NONE, score: 12 }, linked, [], BERLIN, firstPage)).toEqual({
      daysVisited: 1,
      chats: null,
      avgTimeSpentMin: 3,
      firstVisitAt: at('2026-12-07T13:59'),
      lastVisitAt: at('2026-12-07T13:59'),
      firstVisitedUrl: '/v1',
      referrer: null,
      score: 12,
    });
  });

  it('adds a linked visit the CRM’s summary is behind on, its day counted in the organisation’s zone across the end of summer time', () => {
    // The CRM last saw them at 00:30 on Sunday 25 October (CEST); a visit stored since, at 23:30
    // (CET, 24 hours later, the same 25-hour day in Berlin), moves the last visit, not the days.
    // Another on Monday adds a day.
    const crm = {
      ...NONE,
      daysVisited: 1,
      avgTimeSpentMin: 2,
      firstVisitAt: at('2026-10-25T00:30'),
      lastVisitAt: at('2026-10-25T00:30'),
      firstVisitedUrl: '/crm-first',
      referrer: 'https://crm.example/',
    };
    const first = {
      id: 'old',
      startedAt: at('2026-10-25T00:30'),
      referrer: 'https://crm.example/',
    };
    const sameDay = [at('2026-10-25T00:30'), at('2026-10-25T23:30')];
    expect(
      withEmailVisits(
        crm,
        { count: 2, timeSpentS: 0, startedAt: sameDay, first },
        [],
        BERLIN,
        firstPage,
      ),
    ).toEqual({ ...crm, lastVisitAt: at('2026-10-25T23:30') });
    const monday = [...sameDay, at('2026-10-26T09:00')];
    expect(
      withEmailVisits(
        crm,
        { count: 3, timeSpentS: 0, startedAt: monday, first },
        [],
        BERLIN,
        firstPage,
      ),
    ).toEqual({ ...crm, daysVisited: 2, lastVisitAt: at('2026-10-26T09:00') });
  });

  it('leaves a CRM summary that already counts every stored visit as it is', () => {
    const crm = {
      ...NONE,
      daysVisited: 4,
      avgTimeSpentMin: 2,
      firstVisitAt: at('2026-11-01T10:00'),
      lastVisitAt: at('2026-11-05T10:00'),
    };
    const linked = { count: 1, timeSpentS: 60, startedAt: [at('2026-11-05T10:00')] };
    expect(withEmailVisits(crm, linked, [], BERLIN, firstPage)).toBe(crm);
  });
});
