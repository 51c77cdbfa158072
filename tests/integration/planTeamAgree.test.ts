import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import type { PlannerRow } from '../../src/shared/contract';
import type { TeamBlock, TeamLane } from '../../src/shared/teamContract';
import { teamBlockState } from '../../src/shared/teamBlockState';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { isWorthNow } from '../../src/shared/slotStates';
import { TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';

const HOUR = 3_600_000;
// Monday 23 November 2026, 17:40 in Berlin: most of Anna's windows have ended, her calls synced.
const NOW = TEST_NOW + 7 * HOUR + 40 * 60_000;

let db: Db;
let core: Core;
allTestsDemoCore((env) => ({ db, core } = env), {
  clock: () => NOW,
  relearn: true,
  demo: { now: NOW },
});

async function annaPlan(date?: string): Promise<PlannerRow[]> {
  await core.handlers.setCurrentUser({ userId: 'u-r1' });
  return (await core.handlers.getPlanner(date ? { date } : {})).rows;
}

async function annaLane(date?: string): Promise<TeamLane> {
  await core.handlers.setCurrentUser({ userId: 'u-m1' });
  const day = await core.handlers.getTeamDay(date ? { date } : {});
  const lane = day.reps.find((r) => r.repId === 'u-r1');
  if (!lane) throw new Error('Anna is not on Greta’s team');
  return lane;
}

const key = (b: { personId: string; channel: string; start: number | null }) =>
  `${b.personId}|${b.channel}|${b.start}`;

/**
 * Row by row, the planner and the Team page read a call the same way: a row worked in its window
 * is a worked block; a counted block worked in window is a row the plan shows at that window.
 */
function expectAgreement(rows: readonly PlannerRow[], lane: TeamLane): number {
  const blocks = new Map<string, TeamBlock>(lane.blocks.map((b) => [key(b), b]));
  const shown = new Map(rows.filter((r) => r.start !== null).map((r) => [key(r), r]));
  let worked = 0;
  for (const row of rows) {
    if (!row.reached || row.start === null) continue;
    const block = blocks.get(key(row));
    // A lane with too many windows to draw leaves out the lowest-rated.
    if (!block) {
      expect(lane.hiddenBlocks, `${row.name} ${row.channel}`).toBeGreaterThan(0);
      continue;
    }
    // An unanswered attempt in the window works it on the Team page (the rep worked it); the
    // planner keeps the row to call again, saying the attempt.
    expect(block.worked?.inWindow ?? false, `${row.name} ${row.channel}`).toBe(
      row.reached.inWindow || row.tried != null,
    );
    if (row.reached.inWindow) worked++;
  }
  for (const block of lane.blocks) {
    if (!block.counted || !block.worked?.inWindow || block.worked.by !== 'logged') continue;
    const row = shown.get(key(block));
    // The plan shows the window the call worked, with the call (or the attempt) on it.
    expect(
      row,
      `${block.name} ${block.channel} ${new Date(block.start).toISOString()}`,
    ).toBeDefined();
    expect(
      row?.reached?.inWindow === true || row?.tried != null || row?.action === 'done',
      `${block.name} ${block.channel}`,
    ).toBe(true);
  }
  return worked;
}

describe('the planner and the Team page agree on a rep’s day of synced calls (PL-1, TM-2)', () => {
  it('credits each call to the window the Team page counts, row by row', async () => {
    const rows = await annaPlan();
    const lane = await annaLane();
    const worked = expectAgreement(rows, lane);
    expect(worked).toBeGreaterThan(3);
    // No row reads a call as made before its window when the Team page worked a window with it.
    const before = rows.filter(
      (r) =>
        r.reached && !r.reached.inWindow && r.end !== null && r.reached.at < r.end && r.end <= NOW,
    );
    expect(before.map((r) => r.name)).toEqual([]);
  });

  it('reads a past day with the calls made on it, credited as on the live day', async () => {
    // Friday 20 November, three days before: planned now from the windows learned since.
    const rows = await annaPlan('2026-11-20');
    const lane = await annaLane('2026-11-20');
    const worked = expectAgreement(rows, lane);
    expect(worked).toBeGreaterThan(3);
    expect(lane.coverage.worked).toBeGreaterThanOrEqual(worked);
  });

  it('never words evidence from after a past day as "today" on that day', async () => {
    // Friday 13 November: the windows learned since hold the calls of Friday 20 November.
    const rows = await annaPlan('2026-11-13');
    const reasons = rows.map((r) => r.reason ?? '');
    expect(
      reasons.filter((r) => /the last one 7 days after this day/.test(r)).length,
    ).toBeGreaterThan(0);
    // What the model learned from 20 November is not "today" on the 13th: only calls made on the
    // 13th itself can be, and those are at least a week old to the windows learned now.
    const lastToday = rows.filter((r) => /the last one today/.test(r.reason ?? ''));
    for (const r of lastToday) expect(r.reached, r.name).toBeDefined();
  });
});

describe('the planner and the Team page agree on a person reached earlier today (PL-1, TM-2)', () => {
  /** Anna's call rows worth a call now (the header counts them), each open on the Team page. */
  async function worthNow(): Promise<PlannerRow[]> {
    const rows = (await annaPlan()).filter((r) => r.channel === 'call' && isWorthNow(r));
    const blocks = new Map((await annaLane()).blocks.map((b) => [key(b), b]));
    for (const row of rows) {
      const block = blocks.get(key(row));
      if (block) expect(teamBlockState(block, NOW), row.name).toBe('now');
    }
    return rows;
  }

  it('needs no call now in a later open window: neither the header nor the Team page asks for one', async () => {
    const before = await worthNow();
    // A call window open now, 2★ or more, whose person nothing reached or tried today yet.
    const row = before.find((r) => !r.tried);
    if (!row || row.start === null) throw new Error('no call window open at 17:40 to call');
    // Reached at 08:30 by a 5-minute call synced from the CRM (the phone system's).
    const at = DateTime.fromMillis(NOW, { zone: 'Europe/Berlin' })
      .set({ hour: 8, minute: 30 })
      .toMillis();
    rawHandle(db)
      .prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at, duration_s, status, source_module)
         values ('crm-agree-earlier', ?, 'u-r1', 'call_answered', 'call', 'phone', 'out', ?, 300, 'completed', 'Calls')`,
      )
      .run(row.personId, at);
    core.emit('data-changed', { entities: ['activities'] });
    const after = await annaPlan();
    const same = after.find((r) => key(r) === key(row));
    // The row stays in its window, saying the call; the header no longer counts it.
    expect(same?.state).toBe('now');
    expect(same?.reached).toEqual({ at: at + 300_000, inWindow: false });
    expect((await worthNow()).map((r) => r.personId)).toEqual(
      before.filter((r) => r !== row).map((r) => r.personId),
    );
    // The Team page: the open window needs no call of its own (reached outside it, if counted).
    const block = (await annaLane()).blocks.find((b) => key(b) === key(row));
    expect(block?.worked).toEqual({ at: at + 300_000, by: 'logged', inWindow: false });
    expect(block && teamBlockState(block, NOW)).toBe(block?.counted ? 'outside' : 'already');
  });
});
