import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import { createDemoLiveSource } from '../../src/main/crm/demo/demoLiveSource';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { runSync } from '../../src/main/sync/syncEngine';
import { markPlanRow } from '../../src/main/planner/planActions';
import { teamBlockState } from '../../src/shared/teamBlockState';
import { MAX_BLOCKS_PER_LANE } from '../../src/main/team/teamDayView';
import { TREND_DAYS } from '../../src/main/team/teamTrend';
import type { TeamDay } from '../../src/shared/teamContract';
import { TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';

const HOUR = 3_600_000;
let db: Db;
let core: Core;
let now = TEST_NOW;
allTestsDemoCore((env) => ({ db, core } = env), { clock: () => now, relearn: true });

const as = async (userId: string) => core.handlers.setCurrentUser({ userId });
const worked = (day: TeamDay) => day.reps.reduce((n, r) => n + r.coverage.worked, 0);

describe('the demo organisation’s team (TM-1)', () => {
  it('has a director with two levels below: two managers, twelve reps', async () => {
    await as('u-d1');
    const day = await core.handlers.getTeamDay({});
    expect(day.manager).toEqual({ id: 'u-d1', name: 'Helena Brandt', timeZone: 'Europe/Berlin' });
    expect(day.reps).toHaveLength(12);
    expect(new Set(day.reps.map((r) => r.team))).toEqual(new Set(['EMEA & APAC', 'Americas']));
    expect(day.date).toBe('2026-11-23');
    expect(day.byHour).toHaveLength(24);
    for (const lane of day.reps) {
      expect(lane.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_LANE);
      // Every window is drawn; one per person and channel planned is counted.
      expect(lane.blocks.length + lane.hiddenBlocks).toBeGreaterThanOrEqual(lane.coverage.windows);
      if (lane.hiddenBlocks === 0)
        expect(lane.blocks.filter((b) => b.counted)).toHaveLength(lane.coverage.windows);
      for (const b of lane.blocks) {
        expect(b.start).toBeGreaterThanOrEqual(day.axis.from);
        expect(b.end).toBeLessThanOrEqual(day.axis.to);
      }
    }
    // The first start shows rows already worked this morning (the reps' own calls).
    expect(worked(day)).toBeGreaterThan(0);
    // A manager one level down sees their own six.
    await as('u-m1');
    expect((await core.handlers.getTeamDay({})).reps.map((r) => r.repId).sort()).toEqual(
      ['u-r1', 'u-r11', 'u-r2', 'u-r3', 'u-r4', 'u-r5'].sort(),
    );
  });

  it("lets the director open a rep's plan two levels down; a manager only their own line", async () => {
    await as('u-d1');
    expect((await core.handlers.getPlanner({ repId: 'u-r7', first: 5 })).repId).toBe('u-r7');
    await as('u-m1');
    await expect(core.handlers.getPlanner({ repId: 'u-r7' })).rejects.toThrow(/only their manager/);
  });

  it('refuses a rep with a message, through the contract', async () => {
    await as('u-r1');
    const result = await core.dispatch('getTeamDay', {});
    expect(result).toEqual({
      ok: false,
      error:
        "Anna Keller has no one reporting to them: the Team page shows a manager's reps (a rep sees their own day in the Planner).",
    });
    expect(await core.dispatch('getTeamDay', { channel: 'fax' })).toMatchObject({ ok: false });
  });

  it('gives each rep a share worked for each of the ten working days before', async () => {
    await as('u-d1');
    const trend = await core.handlers.getTeamTrend({});
    expect(trend.reps).toHaveLength(12);
    for (const r of trend.reps) {
      expect(r.days).toHaveLength(TREND_DAYS);
      expect((r.days.at(-1)?.date ?? '') < '2026-11-23').toBe(true);
      for (const d of r.days) expect(d.shareWorked).toBeGreaterThanOrEqual(0);
    }
    // The reps' calls of the last weeks worked some windows every working day.
    const shares = trend.reps.flatMap((r) => r.days.map((d) => d.shareWorked));
    expect(shares.filter((s) => s > 0).length).toBeGreaterThan(shares.length / 2);
  });

  it('counts each day of the trend as that day’s own team view counts it', async () => {
    await as('u-d1');
    const trend = await core.handlers.getTeamTrend({ channel: 'call' });
    const dates = new Set(trend.reps.flatMap((r) => r.days.map((d) => d.date)));
    for (const date of dates) {
      const day = await core.handlers.getTeamDay({ date, channel: 'call' });
      for (const r of trend.reps) {
        const inTrend = r.days.find((d) => d.date === date);
        if (!inTrend) continue;
        const coverage = day.reps.find((l) => l.repId === r.repId)?.coverage;
        expect([r.repId, date, inTrend.windows, inTrend.shareWorked]).toEqual([
          r.repId,
          date,
          coverage?.windows,
          coverage?.shareWorked,
        ]);
      }
    }
  });

  it("exports one rep's day as a calendar of the windows on the board still to work", async () => {
    await as('u-d1');
    const lane = (await core.handlers.getTeamDay({})).reps.find((r) => r.repId === 'u-r2');
    const toWork = (lane?.blocks ?? []).filter((b) =>
      ['now', 'upcoming'].includes(teamBlockState(b, now)),
    );
    expect(toWork.length).toBeGreaterThan(0);
    expect(toWork.length).toBeLessThan(lane?.blocks.length ?? 0);
    const ics = await core.handlers.exportTeamDay({ format: 'ics', repId: 'u-r2' });
    expect(ics.fileName).toBe('tom-brennan-2026-11-23.ics');
    const events = new ICAL.Component(ICAL.parse(ics.content))
      .getAllSubcomponents('vevent')
      .map((c) => new ICAL.Event(c).startDate.toJSDate().getTime());
    // Every block drawn still to work is an event, and so is every such window of the CSV (the
    // lane draws 150 of them): no window worked, reached, set aside or over.
    for (const b of toWork) expect(events).toContain(b.start);
    const csv = await core.handlers.exportTeamDay({ format: 'csv', repId: 'u-r2' });
    const rows = csv.content
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    const open = rows.filter((r) => r[3] === 'now' || r[3] === 'upcoming');
    expect(events.sort()).toEqual(open.map((r) => Date.parse(r[4] ?? '')).sort());
  });

  it("keeps the team's hot visitors whole after an export of one rep's day", async () => {
    await as('u-d1');
    // A sync stored visits (nothing kept): the team's day, then the same after a sync whose
    // first question is the export.
    core.emit('data-changed', { entities: ['visits'] });
    const whole = (await core.handlers.getTeamDay({})).hotVisitors;
    core.emit('data-changed', { entities: ['visits'] });
    await core.handlers.exportTeamDay({ format: 'csv', repId: 'u-r2' });
    expect((await core.handlers.getTeamDay({})).hotVisitors).toBe(whole);
  });
});

describe('the team day after a rep marks a row (TM-2)', () => {
  it('counts a skip made again after a window ended as that window missed; the other lanes stay', async () => {
    await as('u-d1');
    now = TEST_NOW + 5 * HOUR;
    const first = await core.handlers.getTeamDay({});
    // The first lane with a window missed over an hour ago (the Americas reps' days begin later).
    const missedOf = (l: (typeof first.reps)[number]) =>
      l.blocks.find(
        (b) => teamBlockState(b, now) === 'missed' && b.action === null && b.end < now - HOUR,
      );
    const at = first.reps.findIndex((l) => missedOf(l) !== undefined);
    const lane = first.reps[at];
    const block = lane ? missedOf(lane) : undefined;
    if (!lane || !block) throw new Error('the demo has no missed window on any lane');
    const others = (day: TeamDay) => day.reps.filter((_, i) => i !== at);
    const skip = (at: number) => {
      const row = { personId: block.personId, channel: block.channel, date: lane.date };
      markPlanRow(db, lane.repId, { ...row, action: 'skipped' }, at);
      core.emit('data-changed', { entities: ['plan'] });
      return core.handlers.getTeamDay({});
    };
    try {
      // Skipped before the window ended: set aside. Skipped again after: it was missed already.
      const before = await skip(block.end - 60_000);
      const after = await skip(block.end + 60_000);
      expect(after.reps[at]?.coverage.missed).toBe((before.reps[at]?.coverage.missed ?? 0) + 1);
      expect(others(after)).toEqual(others(before));
      // Read from scratch (records changed), the lanes and clashes are the same.
      core.emit('data-changed', { entities: ['activities'] });
      const fresh = await core.handlers.getTeamDay({});
      expect([fresh.reps, fresh.clashes, fresh.hotVisitors]).toEqual([
        after.reps,
        after.clashes,
        after.hotVisitors,
      ]);
    } finally {
      markPlanRow(
        db,
        lane.repId,
        { personId: block.personId, channel: block.channel, date: lane.date, action: 'clear' },
        now,
      );
      core.emit('data-changed', { entities: ['plan'] });
      now = TEST_NOW;
    }
  });
});

describe('the live demo works the plans during the day', () => {
  it('logs the reps’ calls as the clock moves, so rows turn worked', async () => {
    await as('u-d1');
    now = TEST_NOW + 7 * HOUR;
    const before = worked(await core.handlers.getTeamDay({}));
    await runSync(db, createDemoLiveSource(db, { clock: () => now }), { now: () => now });
    core.emit('data-changed', { entities: ['activities'] });
    const calls = rawHandle(db)
      .prepare("select count(*) from activities where id like 'lw-%' and started_at > ?")
      .pluck()
      .get(TEST_NOW) as number;
    expect(calls).toBeGreaterThan(0);
    expect(worked(await core.handlers.getTeamDay({}))).toBeGreaterThan(before);
  }, 120_000);
});
