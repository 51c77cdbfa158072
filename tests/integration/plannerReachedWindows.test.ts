import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlanCli } from '../../src/main/cli/plan';
import { createCore, type Core } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { PlannerRow } from '../../src/shared/contract';
import { isSettled, isWorkedInWindow } from '../../src/shared/slotStates';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { teamOrgDb, type TeamOrg } from '../fixtures/teamOrg';

// PL-1, PL-4: a contact is evidence, and the model relearns the person from it at once. A call at
// 09:55 for a contact whose window is 10:00–11:00 teaches that 09:00 answers too, and the window
// became 09:00–11:00, open now, with the call inside it: the row said "✓ Called 09:52", the
// window worked, by a call made before it opened. On the day a person is reached their rows keep
// the windows the day was planned with; the relearned ones plan the days after.
//
// Nora works from New York on Sunday 1 November 2026, the day its clocks go back an hour at 02:00
// (a day of 25 hours): 10:00 that morning is 15:00 UTC, where the day's first hours had -04:00.

const NY = 'America/New_York';
const ny = (time: string): number =>
  DateTime.fromISO(`2026-11-01T${time}`, { zone: NY }).toMillis();

let dir: TempDir;
let org: TeamOrg;
let now = ny('09:00');
let core: Core;

/** The person's call windows on Sundays, in New York, as a relearn would store them. */
function sundayWindows(personId: string, windows: [string, string, number][]): void {
  rawHandle(org.db).prepare('delete from best_time_windows where person_id = ?').run(personId);
  for (const [from, to, stars] of windows) org.window(personId, 'call', 7, from, to, stars, NY);
}

async function rows(date?: string): Promise<PlannerRow[]> {
  return (await core.handlers.getPlanner(date ? { date } : {})).rows;
}

const callRow = (list: PlannerRow[], personId: string): PlannerRow | undefined =>
  list.find((r) => r.personId === personId && r.channel === 'call');

beforeAll(async () => {
  dir = makeTempDir('cw-planner-reached-windows-');
  org = await teamOrgDb(dir);
  // Nora's shift works Sundays too.
  org.shift('ny-all-week', NY, 'Mon-Sun 07:00-20:00', ['r3']);
  for (const [id, name] of [
    ['logged', 'Lou Logged'],
    ['synced', 'Sam Synced'],
    ['untouched', 'Una Untouched'],
  ] as const) {
    org.person(id, 'r3', { zone: NY, name: [name.split(' ')[0] ?? '', name.split(' ')[1] ?? ''] });
    sundayWindows(id, [['10:00', '11:00', 4]]);
  }
  core = createCore(org.db, () => now);
  await core.handlers.setCurrentUser({ userId: 'r3' });
});
afterAll(async () => {
  core.alerts.dispose();
  await org.db.close();
  dir.remove();
});

describe('a person reached just before their window opens (PL-1, PL-4)', () => {
  it('keeps the row’s window on the day of a clock change: the call shows as before it, and a call logged here moves the row to Done today', async () => {
    const first = await rows();
    expect(callRow(first, 'logged')).toMatchObject({
      start: ny('10:00'),
      end: ny('11:00'),
      state: 'upcoming',
    });
    expect(ny('10:00')).toBe(Date.UTC(2026, 10, 1, 15));
    // The day's first plan is kept as the day goes on.
    await new Promise((ok) => setImmediate(ok));

    now = ny('09:55');
    // A call from the phone system, synced from the CRM: 09:52 to 09:54.
    rawHandle(org.db)
      .prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at,
           duration_s, status, source_module) values ('crm-1', 'synced', 'r3', 'call_answered', 'call', 'phone', 'out', ?, 120, 'completed', 'Calls')`,
      )
      .run(ny('09:52'));
    // And one logged here, answered for 3 minutes, ending now.
    await core.handlers.logCall({
      personId: 'logged',
      outcome: 'answered',
      durationMin: 3,
      note: '',
    });
    // What the relearn makes of them (and of someone nobody called): 09:00 answers too.
    for (const id of ['logged', 'synced', 'untouched']) sundayWindows(id, [['09:00', '11:00', 5]]);

    now = ny('09:56');
    const after = await rows();
    const logged = callRow(after, 'logged');
    expect(logged).toMatchObject({
      start: ny('10:00'),
      end: ny('11:00'),
      state: 'upcoming',
      stars: 4,
      action: 'done',
      movedFrom: null,
      // Said at its end: the call logged here ended at 09:55.
      reached: { at: ny('09:55'), inWindow: false },
    });
    // Done today: finished with, below every row still to do.
    expect(logged && isSettled(logged)).toBe(true);
    const synced = callRow(after, 'synced');
    expect(synced).toMatchObject({
      start: ny('10:00'),
      end: ny('11:00'),
      state: 'upcoming',
      action: null,
      // The phone system's call ended at 09:54.
      reached: { at: ny('09:54'), inWindow: false },
    });
    // Reached before the window, not in it: still a row to call in it.
    expect(synced && isWorkedInWindow(synced)).toBe(false);
    expect(after.indexOf(synced as PlannerRow)).toBeLessThan(after.indexOf(logged as PlannerRow));
    // Nobody reached: the relearned window, with where it was.
    expect(callRow(after, 'untouched')).toMatchObject({
      start: ny('09:00'),
      end: ny('11:00'),
      state: 'now',
      movedFrom: { start: ny('10:00'), end: ny('11:00') },
    });

    // In its window, a call works it as ever.
    now = ny('10:30');
    rawHandle(org.db)
      .prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at,
           duration_s, status, source_module) values ('crm-2', 'synced', 'r3', 'call_answered', 'call', 'phone', 'out', ?, 120, 'completed', 'Calls')`,
      )
      .run(ny('10:20'));
    expect(callRow(await rows(), 'synced')).toMatchObject({
      start: ny('10:00'),
      state: 'now',
      reached: { at: ny('10:22'), inWindow: true },
    });
    // The day is kept as it was shown.
    await new Promise((ok) => setImmediate(ok));
  });

  it('reads the same on the command line and when the day is looked back on', async () => {
    let out = '';
    const code = await runPlanCli(
      ['--db', org.db.path, '--rep', 'r3', '--now', '2026-11-01T10:31:00-05:00'],
      { stdout: (s) => (out += s), stderr: () => undefined },
    );
    expect(code).toBe(0);
    const printed = JSON.parse(out) as { person_id: string; channel: string; start: string }[];
    const starts = Object.fromEntries(
      printed.filter((r) => r.channel === 'call').map((r) => [r.person_id, r.start]),
    );
    expect(starts).toMatchObject({
      logged: expect.stringMatching(/T10:00/),
      synced: expect.stringMatching(/T10:00/),
      untouched: expect.stringMatching(/T09:00/),
    });

    now = DateTime.fromISO('2026-11-02T09:00', { zone: NY }).toMillis();
    const sunday = await rows('2026-11-01');
    expect(callRow(sunday, 'logged')).toMatchObject({
      start: ny('10:00'),
      end: ny('11:00'),
      reached: { at: ny('09:55'), inWindow: false },
    });
    expect(callRow(sunday, 'synced')).toMatchObject({
      start: ny('10:00'),
      reached: { inWindow: true },
    });
    expect(callRow(sunday, 'untouched')).toMatchObject({ start: ny('09:00'), end: ny('11:00') });
  });
});
