import { describe, expect, it } from 'vitest';
import { teamViewFrom, teamViewWithin } from '../../../src/renderer/src/route/teamView';

const BERLIN = 'Europe/Berlin';
/** The view an address asks for, kept to the planner's days, today being Wednesday 9 December. */
const shown = (query: string, today = '2026-12-09', zone = BERLIN) =>
  teamViewWithin(teamViewFrom(new URLSearchParams(query)), today, zone);

describe("the Team page's day and week in its address, kept to the days the planner shows", () => {
  it('shows today for a day years back or ahead, and names it with its side', () => {
    expect(shown('day=1999-01-01')).toEqual({
      view: 'day',
      farDay: { date: '1999-01-01', side: 'past' },
    });
    expect(shown('day=2031-05-01&week=2026-11-30')).toEqual({
      view: 'day',
      week: '2026-11-30',
      farDay: { date: '2031-05-01', side: 'ahead' },
    });
  });

  it('keeps 90 days back and 365 ahead, as the planner does, across the clock change of 25 October', () => {
    // 90 days before 9 December is 10 September, in summer time: counted in days, not hours.
    expect(shown('day=2026-09-10')).toEqual({ view: 'day', day: '2026-09-10' });
    expect(shown('day=2026-09-09')).toEqual({
      view: 'day',
      farDay: { date: '2026-09-09', side: 'past' },
    });
    expect(shown('day=2027-12-09')).toEqual({ view: 'day', day: '2027-12-09' });
    expect(shown('day=2027-12-10')).toEqual({
      view: 'day',
      farDay: { date: '2027-12-10', side: 'ahead' },
    });
    // A day a year ahead within the range (the audit's 1 May) is shown.
    expect(shown('day=2027-05-01')).toEqual({ view: 'day', day: '2027-05-01' });
  });

  it('shows this week for a week with none of those days, and keeps a week with some of them', () => {
    // Monday 7 to Sunday 13 September holds 10 September: kept, whichever of its dates is named.
    expect(shown('view=week&week=2026-09-07')).toEqual({ view: 'week', week: '2026-09-07' });
    expect(shown('view=week&week=2026-09-13')).toEqual({ view: 'week', week: '2026-09-13' });
    expect(shown('view=week&week=2026-09-06')).toEqual({
      view: 'week',
      farWeek: { date: '2026-09-06', side: 'past' },
    });
    expect(shown('view=week&week=2027-12-12')).toEqual({ view: 'week', week: '2027-12-12' });
    expect(shown('view=week&week=2027-12-13')).toEqual({
      view: 'week',
      farWeek: { date: '2027-12-13', side: 'ahead' },
    });
  });

  it("drops a far week kept in a day's address unsaid, as one that is no date", () => {
    expect(shown('day=2026-12-01&week=1999-01-04')).toEqual({ view: 'day', day: '2026-12-01' });
    expect(shown('day=2026-12-01&week=garbage')).toEqual({ view: 'day', day: '2026-12-01' });
  });

  it('leaves a date that is no date to the note that says so', () => {
    expect(shown('day=2026-02-30')).toEqual({ view: 'day', badDay: '2026-02-30' });
    expect(shown('view=week&week=nonsense')).toEqual({ view: 'week', badWeek: 'nonsense' });
  });
});
