import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { TeamBlock } from '../../../src/shared/teamContract';
import {
  axisDayAt,
  hourTicks,
  openingOn,
  placeBlocks,
  HOUR_PX,
} from '../../../src/renderer/src/team/teamLayout';

const HOUR = 3_600_000;
const at = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();
const labels = (from: string, to: string, zone: string): string[] =>
  hourTicks({ from: at(from, zone), to: at(to, zone) }, zone).map((t) => t.label);

describe("the Team board's time axis (TM-1)", () => {
  it("names the weekday where the day changes: Monday's 14:00 is not Tuesday's", () => {
    const shown = labels('2026-11-23T14:00', '2026-11-24T18:00', 'Europe/Berlin');
    expect(shown.slice(0, 3)).toEqual(['14:00', '15:00', '16:00']);
    expect(shown.filter((l) => l.length > 5)).toEqual(['Tue 00:00']);
    expect(shown.indexOf('Tue 00:00')).toBe(10);
    expect(shown.at(-1)).toBe('18:00');
  });

  it('keeps one mark an hour across the clocks going back in Berlin (25 October 2026)', () => {
    const shown = labels('2026-10-24T14:00', '2026-10-25T12:00', 'Europe/Berlin');
    // 02:00 comes twice, once in summer time and once in winter time; Sunday is named once.
    expect(shown.slice(10, 15)).toEqual(['Sun 00:00', '01:00', '02:00', '02:00', '03:00']);
    expect(shown).toHaveLength(24);
  });

  it('keeps one mark an hour across the clocks going back in New York (1 November 2026)', () => {
    const shown = labels('2026-10-31T20:00', '2026-11-01T04:00', 'America/New_York');
    expect(shown).toEqual([
      '20:00',
      '21:00',
      '22:00',
      '23:00',
      'Sun 00:00',
      '01:00',
      '01:00',
      '02:00',
      '03:00',
      '04:00',
    ]);
  });

  it('names a new day even where its clocks skip midnight (Santiago, 6 September 2026)', () => {
    // Chile's clocks go from 24:00 to 01:00: the day has no 00:00 mark.
    const shown = labels('2026-09-05T22:00', '2026-09-06T03:00', 'America/Santiago');
    expect(shown).toEqual(['22:00', '23:00', 'Sun 01:00', '02:00', '03:00']);
  });

  it('names the day at the edge of the board in its corner', () => {
    expect(axisDayAt(at('2026-11-23T23:59', 'Europe/Berlin'), 'Europe/Berlin')).toBe('Mon 23 Nov');
    expect(axisDayAt(at('2026-11-24T00:00', 'Europe/Berlin'), 'Europe/Berlin')).toBe('Tue 24 Nov');
  });
});

describe('where the board opens on another day than today (TM-1)', () => {
  const zone = 'Europe/Berlin';
  const rep = (work: [string, string][], windows: string[]) => ({
    workingHours: work.map(([s, e]) => ({ start: at(s, zone), end: at(e, zone) })),
    blocks: windows.map((s) => ({ start: at(s, zone) })),
  });
  // The demo's Tuesday: a Sydney rep's day starts on Monday at 14:00 in Berlin, the axis with it.
  const tuesday = {
    date: '2026-11-24',
    axis: { from: at('2026-11-23T14:00', zone), to: at('2026-11-25T09:00', zone) },
    reps: [
      rep([], ['2026-11-23T14:00', '2026-11-24T00:00']),
      rep([['2026-11-24T09:00', '2026-11-24T17:00']], ['2026-11-24T08:00']),
      rep([['2026-11-24T08:00', '2026-11-24T09:00']], ['2026-11-24T08:00']),
    ],
  };

  it("opens an hour before the first rep starts work that day, not on the evening before's windows", () => {
    // 07:00 on Tuesday is 17 hours into the axis.
    expect(openingOn(tuesday, zone)).toBe(17 * HOUR_PX);
  });

  it("opens an hour before a far-east rep's working hours of the day, which began on the evening before", () => {
    // A Sydney rep's Tuesday runs from 22:30 on Monday to 07:30 in Berlin: the board opens at
    // 21:30 on Monday, 7.5 hours into the axis; a rep's hours that ended by midnight do not count.
    const withSydney = {
      ...tuesday,
      reps: [
        ...tuesday.reps,
        rep([['2026-11-23T22:30', '2026-11-24T07:30']], ['2026-11-23T23:00']),
        rep([['2026-11-23T15:00', '2026-11-24T00:00']], ['2026-11-23T15:00']),
      ],
    };
    expect(openingOn(withSydney, zone)).toBe(7.5 * HOUR_PX);
  });

  it('opens an hour before the first window of a day nobody works', () => {
    const sunday = {
      ...tuesday,
      date: '2026-11-22',
      axis: { from: at('2026-11-21T14:00', zone), to: at('2026-11-23T09:00', zone) },
      reps: [rep([], ['2026-11-21T20:00', '2026-11-22T11:00', '2026-11-22T15:00'])],
    };
    expect(openingOn(sunday, zone)).toBe(20 * HOUR_PX);
    expect(openingOn({ ...sunday, reps: [] }, zone)).toBe(0);
  });

  it('counts the hours of a day the clocks go back on (Sunday 25 October 2026 in Berlin)', () => {
    const day = {
      date: '2026-10-26',
      axis: { from: at('2026-10-25T00:00', zone), to: at('2026-10-26T20:00', zone) },
      reps: [rep([['2026-10-26T09:00', '2026-10-26T17:00']], ['2026-10-26T09:00'])],
    };
    // Sunday has 25 hours: Monday 08:00 is 33 hours after Sunday's midnight, not the clocks' 32.
    expect(openingOn(day, zone)).toBe(33 * HOUR_PX);
    expect(day.axis.to - day.axis.from).toBe(45 * HOUR);
  });
});

describe('which windows a crowded hour draws (TM-1)', () => {
  const zone = 'Europe/Berlin';
  const axisFrom = at('2026-11-23T08:00', zone);
  let n = 0;
  const block = (
    from: string,
    to: string,
    stars: number,
    own: Partial<Pick<TeamBlock, 'worked' | 'counted' | 'setAside' | 'action'>> = {},
  ): TeamBlock => ({
    personId: `p${++n}`,
    name: `Person ${n}`,
    company: null,
    channel: 'call',
    start: at(`2026-11-23T${from}`, zone),
    end: at(`2026-11-23T${to}`, zone),
    stars,
    reason: null,
    contactTz: zone,
    action: null,
    worked: null,
    setAside: false,
    counted: false,
    ...own,
  });
  const names = (placed: { block: TeamBlock }[]): string[] => placed.map((p) => p.block.name);

  it('draws the windows the rep worked at 10:00 before others of the same stars, and a passed ½★ one last', () => {
    n = 0;
    // Six 5★ windows at 10:00, counted, the last two worked (a call logged inside, a Done mark).
    const open = [1, 2, 3, 4].map(() => block('10:00', '11:00', 5, { counted: true }));
    const called = block('10:00', '11:00', 5, {
      counted: true,
      worked: { at: at('2026-11-23T10:05', zone), by: 'logged', inWindow: true },
    });
    const done = block('10:00', '11:00', 5, {
      counted: true,
      worked: { at: at('2026-11-23T10:06', zone), by: 'done', inWindow: true },
    });
    // Half-star windows the coverage does not count, overlapping the hour.
    const half = [block('09:30', '10:30', 0.5), block('10:00', '11:00', 0.5)];
    const { placed, overflow } = placeBlocks([...open, ...half, called, done], axisFrom);
    expect(names(placed)).toEqual(expect.arrayContaining([called.name, done.name]));
    expect(placed).toHaveLength(4);
    expect(names(placed)).not.toContain(half[0]?.name);
    expect(names(placed)).not.toContain(half[1]?.name);
    // The "+N" at 09:00 and 10:00 holds all the rest, none lost, none counted twice.
    const more = [...overflow.values()].flat();
    expect(more).toHaveLength(4);
    expect(overflow.get(1)?.map((b) => b.name)).toEqual([half[0]?.name]);
    expect(overflow.get(2)).toHaveLength(3);
  });

  it('draws a missed 2★ window the coverage counts before an uncounted 5★ one, and 2★ before 1★', () => {
    n = 0;
    const uncounted = [1, 2, 3].map(() => block('12:00', '13:00', 5));
    const missed = block('12:00', '13:00', 2, { counted: true });
    const skipped = block('12:00', '13:00', 1, { setAside: true, action: 'skipped' });
    const low = block('12:00', '13:00', 1.5, { counted: true });
    const { placed, overflow } = placeBlocks([...uncounted, low, missed, skipped], axisFrom);
    // What the rep did first, then what the coverage counts (2★ before under 2★), then the rest.
    expect(names(placed)).toEqual([skipped.name, missed.name, low.name, uncounted[0]?.name]);
    expect(placed.map((p) => p.track)).toEqual([0, 1, 2, 3]);
    expect(overflow.get(4)?.map((b) => b.name)).toEqual([uncounted[1]?.name, uncounted[2]?.name]);
  });
});
