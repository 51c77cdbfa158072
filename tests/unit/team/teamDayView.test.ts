import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import type { UserRow } from '../../../src/main/db/schema';
import {
  clashesByAccount,
  MAX_BLOCKS_PER_LANE,
  teamDayView,
} from '../../../src/main/team/teamDayView';
import type { TeamClash } from '../../../src/shared/teamContract';
import type { UnshownWindow } from '../../../src/main/team/teamCoverage';
import type { RepDay, TeamSchedule } from '../../../src/main/team/teamSchedule';

const HOUR = 3_600_000;
const DAY = Date.UTC(2026, 10, 23);
const at = (h: number): number => DAY + h * HOUR;

const row = (id: string, startH: number, stars: number): PlannerRow =>
  ({
    personId: id,
    name: id,
    company: null,
    channel: 'call',
    contactTz: 'UTC',
    start: at(startH),
    end: at(startH + 1),
    stars,
    reason: `${id}'s reason`,
    alternatives: [],
    action: null,
  }) as unknown as PlannerRow;

function lane(
  rows: PlannerRow[],
  unshown: UnshownWindow[],
  own: {
    worked?: (row: PlannerRow) => RepDay['worked'][number];
    counted?: (row: PlannerRow) => boolean;
    aside?: (row: PlannerRow) => boolean;
    now?: number;
  } = {},
) {
  const rep: UserRow = {
    id: 'u-r1',
    name: 'Rep',
    email: 'rep@example.com',
    role: 'rep',
    manager_id: 'u-m1',
    team: null,
    time_zone: 'UTC',
    active: 1,
    shift_id: null,
  };
  const repDay = {
    rep,
    plan: { date: '2026-11-23' },
    rows,
    worked: rows.map((r) => own.worked?.(r) ?? null),
    aside: rows.map((r) => own.aside?.(r) ?? false),
    counted: rows.map((r) => own.counted?.(r) ?? true),
    inUse: { call: true, email: true },
    coverage: {
      windows: 0,
      goodWindows: 0,
      worked: 0,
      outside: 0,
      missed: 0,
      booked: 0,
      shareWorked: 0,
    },
    unshown,
    workingHours: [],
  } as unknown as RepDay;
  const schedule = {
    date: '2026-11-23',
    now: own.now ?? at(12),
    manager: { ...rep, id: 'u-m1' },
    day: { from: DAY, to: at(24) },
    reps: [repDay],
    clashes: [],
    unplannedHot: [],
    hotVisitors: 0,
    byHour: [],
  } as unknown as TeamSchedule;
  const view = teamDayView(schedule);
  return { view, lane: view.reps[0] };
}

describe('a lane with more windows than it draws (TM-1)', () => {
  // 10 five-star rows late in the day, 150 three-star rows from 06:00, 5 four-star windows no
  // row shows (a missed one, set aside by a skip): 165 windows, 150 drawn.
  const best = Array.from({ length: 10 }, (_, i) => row(`best${i}`, 20, 5));
  const fair = Array.from({ length: 150 }, (_, i) => row(`fair${i}`, 6 + (i % 12), 3));
  const aside: UnshownWindow[] = Array.from({ length: 5 }, (_, i) => ({
    start: at(8),
    end: at(9),
    stars: 4,
    row: fair[i] as PlannerRow,
    action: 'skipped',
    worked: null,
    counted: false,
  }));
  const { view, lane: drawn } = lane([...best, ...fair], aside);

  it('draws the best-rated, and the earliest of the stars where the cut falls', () => {
    expect(drawn?.blocks).toHaveLength(MAX_BLOCKS_PER_LANE);
    expect(drawn?.hiddenBlocks).toBe(15);
    const names = new Set(drawn?.blocks.map((b) => `${b.name}@${b.stars}`));
    for (const b of best) expect(names.has(`${b.name}@5`)).toBe(true);
    expect(drawn?.blocks.filter((b) => b.stars === 4)).toHaveLength(5);
    // 135 of the 150 three-star rows: the 15 left out start latest (12 at 17:00, 3 at 16:00).
    const fairDrawn = drawn?.blocks.filter((b) => b.stars === 3) ?? [];
    expect(fairDrawn).toHaveLength(135);
    expect(fairDrawn.filter((b) => b.start === at(17))).toHaveLength(0);
    expect(fairDrawn.filter((b) => b.start === at(16))).toHaveLength(9);
    expect(drawn?.blocks.map((b) => b.start)).toEqual(
      [...(drawn?.blocks.map((b) => b.start) ?? [])].sort((a, b) => a - b),
    );
  });

  it('gives a window no row shows its own mark and no reason of another window', () => {
    const block = drawn?.blocks.find((b) => b.stars === 4);
    expect(block).toMatchObject({ name: 'fair0', action: 'skipped', reason: null, worked: null });
    expect(drawn?.blocks.find((b) => b.name === 'best0')?.reason).toBe("best0's reason");
  });

  it('counts every window in the hours, drawn or not', () => {
    const hour = (h: number): number => drawn?.density[(at(h) - view.axis.from) / HOUR] ?? -1;
    expect(drawn?.density.reduce((n, d) => n + d, 0)).toBe(165);
    expect(hour(8)).toBe(13 + 5);
    expect(hour(20)).toBe(10);
  });
});

describe('the windows a full lane keeps (TM-1)', () => {
  // 160 untouched 4★ windows the coverage counts, 20 uncounted 5★ ones (a person's other
  // windows), and 6 the rep worked: 4 of 2★, 2 of 1★, in window or before it.
  const counted = Array.from({ length: 160 }, (_, i) => row(`open${i}`, 6 + (i % 12), 4));
  const other = Array.from({ length: 20 }, (_, i) => row(`other${i}`, 9, 5));
  const worked = [
    ...Array.from({ length: 4 }, (_, i) => row(`worked${i}`, 18, 2)),
    ...Array.from({ length: 2 }, (_, i) => row(`low${i}`, 18, 1)),
  ];
  const { lane: drawn } = lane([...counted, ...other, ...worked], [], {
    worked: (r) =>
      r.personId.startsWith('worked') || r.personId.startsWith('low')
        ? { at: at(18.5), by: 'logged', inWindow: r.personId !== 'low1' }
        : null,
    counted: (r) => !r.personId.startsWith('other'),
  });

  it('keeps every window the rep worked, as the board ranks them, before better-rated ones nobody touched', () => {
    expect(drawn?.blocks).toHaveLength(MAX_BLOCKS_PER_LANE);
    const names = new Set(drawn?.blocks.map((b) => b.name));
    for (const r of worked) expect(names.has(r.personId)).toBe(true);
    // Then the counted 4★ windows, the earliest where the cut falls; the uncounted 5★ ones last.
    expect(drawn?.blocks.filter((b) => b.name.startsWith('open'))).toHaveLength(144);
    expect(drawn?.blocks.filter((b) => b.name.startsWith('other'))).toHaveLength(0);
    expect(drawn?.hiddenBlocks).toBe(36);
  });
});

const MIN = 60_000;
const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const rowAt = (id: string, start: number, end: number, stars = 4): PlannerRow =>
  ({ ...row(id, 0, stars), start, end }) as PlannerRow;

// The page reads the day again when a lane's counts move (TM-2): at the start, end or strike of
// a window they count that nothing settled yet, whether the lane draws it or not.
describe('when a lane’s counts next change', () => {
  it('is when a counted window that just ended is struck through, 30 minutes after its end', () => {
    const { lane: l } = lane([rowAt('p', at(9), at(10))], [], { now: at(10) });
    expect(l?.countsChangeAt).toBe(at(10.5));
  });

  it('is the soonest start, end or strike of any counted window', () => {
    const rows = [rowAt('a', at(9), at(10)), rowAt('b', at(10.25), at(11))];
    expect(lane(rows, [], { now: at(10) }).lane?.countsChangeAt).toBe(at(10.25));
  });

  it('is never for windows worked, set aside or not counted', () => {
    const rows = ['worked', 'aside', 'other'].map((id) => rowAt(id, at(9), at(10)));
    const { lane: l } = lane(rows, [], {
      now: at(10),
      worked: (r) =>
        r.personId === 'worked' ? { at: at(9.5), by: 'logged', inWindow: true } : null,
      aside: (r) => r.personId === 'aside',
      counted: (r) => r.personId !== 'other',
    });
    expect(l?.countsChangeAt).toBeNull();
  });

  it('strikes 30 real minutes after the end across the night clocks go back', () => {
    // 02:40 CEST, then 02:00 CET again: 02:50 by the wall clock is 90 minutes on, not 30.
    const end = Date.UTC(2026, 9, 25, 0, 40); // 02:40 CEST, the first of the two
    const { lane: l } = lane([rowAt('p', end - 60 * MIN, end)], [], { now: end });
    expect((l?.countsChangeAt ?? 0) - end).toBe(30 * MIN);
    expect(
      DateTime.fromMillis(l?.countsChangeAt ?? 0, { zone: 'Europe/Berlin' }).toFormat('HH:mm ZZZZ'),
    ).toBe('02:10 GMT+1');
  });

  it('counts the windows the lane does not draw: one left off is struck before any drawn one changes', () => {
    // 150 worked windows fill the lane (the board ranks them first); the counted one nobody
    // worked, ended at 09:00 Berlin time on the Sunday the clocks went back, is not drawn.
    const worked = Array.from({ length: MAX_BLOCKS_PER_LANE }, (_, i) =>
      rowAt(`w${i}`, berlin('2026-10-25T08:00'), berlin('2026-10-25T12:00')),
    );
    const missed = rowAt('late', berlin('2026-10-25T08:00'), berlin('2026-10-25T09:00'), 2);
    const full = (now: number) =>
      lane([...worked, missed], [], {
        now,
        worked: (r) => (r.personId === 'late' ? null : { at: at(0), by: 'logged', inWindow: true }),
      });
    const struck = berlin('2026-10-25T09:30');
    const { lane: l } = full(berlin('2026-10-25T09:10'));
    expect(l?.blocks.some((b) => b.name === 'late')).toBe(false);
    expect(l?.hiddenBlocks).toBe(1);
    expect(l?.countsChangeAt).toBe(struck);
    // Once it is struck, nothing the lane counts changes any more.
    expect(full(struck).lane?.countsChangeAt).toBeNull();
  });

  it('counts a window no row shows, drawn or not', () => {
    const unshown: UnshownWindow = {
      start: at(13),
      end: at(14),
      stars: 3,
      row: rowAt('p', at(9), at(10)),
      action: null,
      worked: null,
      counted: true,
    };
    const { lane: l } = lane([rowAt('p', at(9), at(10))], [unshown], {
      now: at(11),
      counted: () => false,
    });
    expect(l?.countsChangeAt).toBe(at(13));
  });
});

describe('clashes on the screen, one line per account and stretch (TM-2)', () => {
  const pair = (
    account: string | null,
    a: [string, string],
    b: [string, string],
    fromH: number,
    toH: number,
    channel: 'call' | 'email' = 'call',
  ): TeamClash => ({
    account,
    channel,
    people: [
      { personId: a[0], name: a[0], repId: a[1] },
      { personId: b[0], name: b[0], repId: b[1] },
    ],
    start: at(fromH),
    end: at(toH),
  });

  it('names everyone planned at an account in one stretch once, and keeps other stretches, channels of other reps and people apart', () => {
    // Three reps' people at Acme between 10:00 and 11:30: three pairs, one line.
    const pairs = [
      pair('Acme', ['lee', 'u-r1'], ['mo', 'u-r2'], 10, 11),
      pair('Acme', ['lee', 'u-r1'], ['kim', 'u-r3'], 10, 11),
      pair('Acme', ['mo', 'u-r2'], ['kim', 'u-r3'], 10.5, 11.5),
      pair('Acme', ['lee', 'u-r1'], ['mo', 'u-r2'], 10, 11, 'email'),
      pair(null, ['zoe', 'u-r1'], ['zoe', 'u-r2'], 10, 11),
      // From 11:30, when the first stretch has ended: a line of its own.
      pair('Acme', ['lee', 'u-r1'], ['mo', 'u-r2'], 11.5, 12),
    ].sort((x, y) => x.start - y.start);
    const lines = clashesByAccount(pairs).map((c) => [
      c.account ?? 'same person',
      c.channels.map((s) => s.channel).join(' and '),
      c.people.map((p) => `${p.name}/${p.repId}`).join(' '),
      (c.start - DAY) / HOUR,
      (c.end - DAY) / HOUR,
    ]);
    expect(lines).toEqual([
      ['Acme', 'call', 'lee/u-r1 mo/u-r2 kim/u-r3', 10, 11.5],
      ['Acme', 'email', 'lee/u-r1 mo/u-r2', 10, 11],
      ['same person', 'call', 'zoe/u-r1 zoe/u-r2', 10, 11],
      ['Acme', 'call', 'lee/u-r1 mo/u-r2', 11.5, 12],
    ]);
    // The pairs themselves, which the `team` command prints, are left as they were.
    expect(pairs[0]?.people).toHaveLength(2);
    expect(pairs[0]?.end).toBe(at(11));
  });

  it('makes one line of the same reps on calls and on emails at overlapping times, each channel with its time', () => {
    // Two lines read "10:00–11:00 call Acme: lee (u-r1) and mo (u-r2)" and "10:30–11:30 email
    // Acme: lee (u-r1) and mo (u-r2)": the same two reps at one account, one clash to sort out.
    const pairs = [
      pair('Acme', ['lee', 'u-r1'], ['mo', 'u-r2'], 10, 11),
      pair('Acme', ['mo', 'u-r2'], ['lee', 'u-r1'], 10.5, 11.5, 'email'),
      pair(null, ['zoe', 'u-r1'], ['zoe', 'u-r2'], 10.5, 11, 'email'),
    ];
    const lines = clashesByAccount(pairs);
    expect(
      lines.map((c) => [
        c.account ?? 'same person',
        c.channels.map((s) => `${s.channel} ${(s.start - DAY) / HOUR}-${(s.end - DAY) / HOUR}`),
        c.people.map((p) => `${p.name}/${p.repId}`).join(' '),
        (c.start - DAY) / HOUR,
        (c.end - DAY) / HOUR,
      ]),
    ).toEqual([
      ['Acme', ['call 10-11', 'email 10.5-11.5'], 'lee/u-r1 mo/u-r2', 10, 11.5],
      ['same person', ['email 10.5-11'], 'zoe/u-r1 zoe/u-r2', 10.5, 11],
    ]);
    // The `team` command's pairs are left as they were: two, one per channel.
    expect(pairs.map((p) => [p.channel, p.people.length, p.end])).toEqual([
      ['call', 2, at(11)],
      ['email', 2, at(11.5)],
      ['email', 2, at(11)],
    ]);
  });

  it('joins the channels of the same eight pairs before naming six', () => {
    const many = Array.from({ length: 8 }, (_, i) => [
      pair('Bigco', [`p${i}`, 'u-r1'], [`q${i}`, 'u-r2'], 9, 10),
      pair('Bigco', [`p${i}`, 'u-r1'], [`q${i}`, 'u-r2'], 9, 10, 'email'),
    ]).flat();
    const lines = clashesByAccount(many);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.channels.map((s) => s.channel)).toEqual(['call', 'email']);
    expect(lines[0]?.people).toHaveLength(6);
    expect(lines[0]?.more).toBe(10);
  });

  it('names six people on a line and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      pair('Bigco', [`p${i}`, 'u-r1'], [`q${i}`, 'u-r2'], 9, 10),
    );
    const [line] = clashesByAccount(many);
    expect(line?.people).toHaveLength(6);
    expect(line?.more).toBe(10);
  });
});
