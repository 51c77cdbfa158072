import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { PlannerRow } from '../../src/shared/contract';
import { TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';
import { runCliInProcess } from '../fixtures/runCli';

const MIN = 60_000;
// Monday 23 November 2026, 10:01 in Berlin (TEST_NOW is 10:00).
const NOW = TEST_NOW + MIN;

let dir: TempDir;
let db: Db;
let core: Core;
allTestsDemoCore((env) => ({ dir, db, core } = env), { clock: () => NOW, relearn: true });

/** Anna's coverage on the Team page (calls and emails), as Greta sees it. */
async function annaCoverage() {
  await core.handlers.setCurrentUser({ userId: 'u-m1' });
  const day = await core.handlers.getTeamDay({});
  const coverage = day.reps.find((r) => r.repId === 'u-r1')?.coverage;
  if (!coverage) throw new Error('Anna is not on Greta’s team');
  return coverage;
}

/** Anna's coverage as the `team` command prints it. */
async function annaCli(): Promise<Record<string, number>> {
  const out = dir.file(`team-${Math.random().toString(36).slice(2)}.json`);
  const args = ['team', '--db', db.path, '--manager', 'u-m1', '--now', '2026-11-23T10:01:00+01:00'];
  const { code, stderr } = await runCliInProcess([...args, '--out', out]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const json = JSON.parse(readFileSync(out, 'utf8')) as {
    reps: { rep_id: string; coverage: Record<string, number> }[];
  };
  return json.reps.find((r) => r.rep_id === 'u-r1')?.coverage ?? {};
}

async function annaRows(): Promise<PlannerRow[]> {
  await core.handlers.setCurrentUser({ userId: 'u-r1' });
  return (await core.handlers.getPlanner({})).rows;
}

/** A row still to call in a 10:00–11:00 window of 3★ or more, nothing logged on it yet. */
function opening(rows: readonly PlannerRow[]): PlannerRow | undefined {
  return rows.find(
    (r) =>
      r.channel === 'call' &&
      r.start === TEST_NOW &&
      r.end === TEST_NOW + 60 * MIN &&
      (r.stars ?? 0) >= 3 &&
      r.action === null &&
      !r.reached,
  );
}

describe('a call works the window it overlaps (PL-4, TM-2)', () => {
  it('counts a 7-minute call that ended at 10:01 as worked in a 10:00 window, on the Team page and the team command', async () => {
    // A 10:00–11:00 call window of 3★ or more (in the auditor's demo, Chloe Williams's).
    const chloe = opening(await annaRows());
    if (!chloe) throw new Error('Anna has no good call window opening at 10:00');
    expect(chloe.end).toBe(TEST_NOW + 60 * MIN);
    const before = await annaCoverage();
    const cliBefore = await annaCli();
    expect(cliBefore).toMatchObject({ worked: before.worked });

    await core.handlers.setCurrentUser({ userId: 'u-r1' });
    await core.handlers.logCall({
      personId: chloe.personId,
      outcome: 'answered',
      durationMin: 7,
      note: '',
    });
    // It started at 09:54, before the window, and ended in it: the window is worked.
    const after = await annaCoverage();
    expect(after).toMatchObject({
      worked: before.worked + 1,
      outside: before.outside,
      missed: before.missed,
    });
    const due = before.worked + before.outside + before.missed + 1;
    expect(after.shareWorked).toBeCloseTo((before.worked + 1) / due, 10);
    expect(await annaCli()).toEqual({
      ...cliBefore,
      worked: before.worked + 1,
      share_worked: after.shareWorked,
    });
    const row = (await annaRows()).find(
      (r) => r.personId === chloe.personId && r.channel === 'call' && r.start === TEST_NOW,
    );
    // The row says the call at its end, 10:01: "called just now", "✓ Called 10:01".
    expect(row).toMatchObject({
      action: 'done',
      reached: { at: NOW, inWindow: true },
      lastTouchAt: NOW,
    });
  });

  it('credits a call synced from Zoho the same way: Call_Start_Time 09:55, Call_Duration 6:00', async () => {
    const rows = await annaRows();
    const row = opening(rows);
    if (!row) throw new Error('no other call window of Anna’s opening at 10:00');
    const before = await annaCoverage();
    // As the sync stores a Calls record: started_at is Call_Start_Time, duration_s Call_Duration.
    rawHandle(db)
      .prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at, duration_s, status, source_module, source_id, outcome)
         values ('crm-credit-1', ?, 'u-r1', 'call_answered', 'call', 'phone', 'out', ?, 360, 'completed', 'Calls', 'z-1', 'answered')`,
      )
      .run(row.personId, TEST_NOW - 5 * MIN);
    // A new core, as after a sync: the Team page keeps what it read until the data changes.
    core = createCore(db, () => NOW);
    expect(await annaCoverage()).toMatchObject({
      worked: before.worked + 1,
      outside: before.outside,
    });
    const after = (await annaRows()).find(
      (r) => r.personId === row.personId && r.channel === 'call' && r.start === TEST_NOW,
    );
    expect(after?.reached).toEqual({ at: NOW, inWindow: true });
  });
});
