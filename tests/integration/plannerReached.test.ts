import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { PlannerRow } from '../../src/shared/contract';
import { TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';

let db: Db;
allTestsDemoCore((env) => ({ db } = env), { relearn: true });

let seq = 0;
/** An activity as the sync stores one from Zoho: Anna's, about the person. */
function synced(
  personId: string,
  at: number,
  kind: 'call' | 'email',
  extra: { signal?: string; direction?: string; status?: string } = {},
): void {
  rawHandle(db)
    .prepare(
      `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at, duration_s, status, source_module)
       values (?, ?, 'u-r1', ?, ?, ?, ?, ?, 120, ?, ?)`,
    )
    .run(
      `crm-reached-${++seq}`,
      personId,
      extra.signal ?? (kind === 'call' ? 'call_answered' : null),
      kind,
      kind === 'call' ? 'phone' : 'email',
      extra.direction ?? 'out',
      at,
      extra.status ?? 'completed',
      kind === 'call' ? 'Calls' : 'Emails',
    );
}

async function planAt(now: number, date?: string): Promise<PlannerRow[]> {
  const core = createCore(db, () => now);
  await core.handlers.setCurrentUser({ userId: 'u-r1' });
  return (await core.handlers.getPlanner(date ? { date } : {})).rows;
}

describe('a call the CRM has, not logged in the app, reaches the planner row it worked (PL-3)', () => {
  it('marks the row of the window it fell in, the person’s other rows that day as reached, and nothing on email', async () => {
    const rows = await planAt(TEST_NOW);
    // A call window that began before 10:00, and the person's email row if they have one.
    const row = rows.find((r) => r.channel === 'call' && r.start !== null && r.start < TEST_NOW);
    if (!row || row.start === null) throw new Error('no call window open before 10:00');
    const at = row.start + 10 * 60_000;
    synced(row.personId, at, 'call');
    // A missed inbound call is no contact; nor is a call the CRM has as scheduled.
    synced(row.personId, row.start + 5 * 60_000, 'call', {
      signal: 'call_inbound_missed',
      direction: 'in',
    });
    const after = await planAt(TEST_NOW);
    const same = after.filter((r) => r.personId === row.personId);
    const call = same.find((r) => r.channel === 'call' && r.start === row.start);
    // Said at its end: the CRM's call lasted 2 minutes.
    expect(call?.reached).toEqual({ at: at + 120_000, inWindow: true });
    for (const r of same.filter((x) => x.channel === 'email')) expect(r.reached).toBeUndefined();
    // Everyone else's rows are as they were (the demo's own calls this morning reach some).
    const others = (list: PlannerRow[]) =>
      list.filter((r) => r.personId !== row.personId).map((r) => r.reached ?? null);
    expect(others(after)).toEqual(others(rows));
  });

  it('an email sent to the person reaches their email row; one received does not', async () => {
    const rows = await planAt(TEST_NOW);
    const row = rows.find((r) => r.channel === 'email' && r.start !== null && !r.reached);
    if (!row) throw new Error('no email row');
    const sentAt = TEST_NOW - 3 * 3_600_000;
    synced(row.personId, sentAt - 60_000, 'email', { direction: 'in' });
    synced(row.personId, sentAt, 'email');
    const after = (await planAt(TEST_NOW)).find(
      (r) => r.personId === row.personId && r.channel === 'email' && r.start === row.start,
    );
    expect(after?.reached?.at).toBe(sentAt);
  });

  it('counts only what happened on the plan’s day, up to now, on the rep’s clock across a clock change', async () => {
    // Sunday 25 October 2026 has 25 hours in Berlin: 23:30 that night is still that day.
    const sunday = DateTime.fromISO('2026-10-25T00:00', { zone: 'Europe/Berlin' });
    const monday = DateTime.fromISO('2026-10-26T10:00', { zone: 'Europe/Berlin' });
    const rows = await planAt(monday.toMillis(), '2026-10-25');
    const someone = rows.find((r) => r.channel === 'call');
    if (!someone) throw new Error('no call row that Sunday');
    const late = sunday.set({ hour: 23, minute: 30 }).toMillis();
    expect(late - sunday.toMillis()).toBe(24.5 * 3_600_000);
    synced(someone.personId, late, 'call');
    // The next day's call is not that Sunday's.
    synced(someone.personId, monday.set({ hour: 9 }).toMillis(), 'call');
    const sundayRows = await planAt(monday.toMillis(), '2026-10-25');
    expect(
      sundayRows.find((r) => r.personId === someone.personId && r.channel === 'call')?.reached?.at,
    ).toBe(late + 120_000);
    // Seen from before that call, the Sunday had none.
    const before = await planAt(late - 60_000, '2026-10-25');
    expect(
      before.find((r) => r.personId === someone.personId && r.channel === 'call')?.reached,
    ).toBeUndefined();
  });

  it('lists a row called in its open window below every row still to do, in the first rows asked for too, and reminds of no window of it', async () => {
    const rows = await planAt(TEST_NOW);
    const row = rows.find(
      (r) => r.channel === 'call' && r.state === 'now' && !r.reached && !r.action,
    );
    if (!row || row.start === null) throw new Error('no call window open at 10:00 unreached');
    expect(rows.indexOf(row)).toBeLessThan(rows.length / 2);
    // The phone system's call, synced from Zoho: one minute ago, in the window.
    synced(row.personId, Math.max(row.start, TEST_NOW - 60_000), 'call');
    const core = createCore(db, () => TEST_NOW);
    await core.handlers.setCurrentUser({ userId: 'u-r1' });
    const after = (await core.handlers.getPlanner({})).rows;
    const at = after.findIndex(
      (r) => r.personId === row.personId && r.channel === 'call' && r.start === row.start,
    );
    expect(after[at]?.reached?.inWindow).toBe(true);
    const lastToDo = after.findLastIndex(
      (r) => r.state !== 'passed' && r.state !== 'struck' && !r.action && !r.reached?.inWindow,
    );
    expect(at).toBeGreaterThan(lastToDo);
    // The first rows asked for are the whole plan's first rows, without it.
    const first = (await core.handlers.getPlanner({ first: 20 })).rows;
    expect(first.map((r) => `${r.personId}|${r.channel}`)).toEqual(
      after.slice(0, 20).map((r) => `${r.personId}|${r.channel}`),
    );
    const reminders = await core.handlers.getReminders({});
    expect(
      reminders
        .flatMap((m) => m.people)
        .some((p) => p.personId === row.personId && p.channel === 'call'),
    ).toBe(false);
  });
});
