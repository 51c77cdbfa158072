import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { PlannerRow } from '../../src/shared/contract';
import type { TeamBlock } from '../../src/shared/teamContract';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { teamOrgDb, type TeamOrg } from '../fixtures/teamOrg';

// PL-1, TM-2: a call that began before midnight and ran into the day works that day's windows,
// on the planner as on the Team page. Sunday 25 October 2026 in Berlin is the 25-hour day the
// clocks go back: its midnight is 22:00 UTC on the 24th, still on summer time (UTC+2).

const ZONE = 'Europe/Berlin';
const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const NOW = berlin('2026-10-25T12:00');
const SUNDAY = '2026-10-25';

let dir: TempDir;
let org: TeamOrg;
let core: Core;

beforeAll(async () => {
  dir = makeTempDir('cw-planner-midnight-');
  org = await teamOrgDb(dir);
  // Rita works nights and weekends: her day has the hour after midnight.
  org.shift('nights', ZONE, 'Mon-Sun 00:00-24:00', ['r1']);
  for (const [id, first, last] of [
    ['late', 'Lena', 'Late'],
    ['early', 'Emil', 'Early'],
  ] as const) {
    org.person(id, 'r1', { zone: ZONE, name: [first, last] });
    org.window(id, 'call', 7, '00:00', '01:00', 4, ZONE); // Sundays, just after midnight
  }
  // Lena: 23:50 CEST on Saturday to 00:20 CEST on Sunday.
  org.activity('late', 'r1', 'call', '2026-10-24T23:50', { durationS: 30 * 60 });
  // Emil: 23:20 to 23:50 on Saturday, over before midnight.
  org.activity('early', 'r1', 'call', '2026-10-24T23:20', { durationS: 30 * 60 });
  core = createCore(org.db, () => NOW);
});
afterAll(async () => {
  core.alerts.dispose();
  await org.db.close();
  dir.remove();
});

async function ritaRow(personId: string): Promise<PlannerRow | undefined> {
  await core.handlers.setCurrentUser({ userId: 'r1' });
  const { rows } = await core.handlers.getPlanner({ date: SUNDAY });
  return rows.find((r) => r.personId === personId && r.channel === 'call');
}

async function ritaBlock(personId: string): Promise<TeamBlock | undefined> {
  await core.handlers.setCurrentUser({ userId: 'm1' });
  const day = await core.handlers.getTeamDay({ date: SUNDAY });
  const lane = day.reps.find((r) => r.repId === 'r1');
  return lane?.blocks.find((b) => b.personId === personId && b.channel === 'call');
}

describe('a call that began before midnight and ran into the day (PL-1, TM-2)', () => {
  it('works the 00:00–01:00 window with a call from 23:50 to 00:20, the night the clocks go back', async () => {
    const row = await ritaRow('late');
    expect(row?.start).toBe(berlin('2026-10-25T00:00'));
    expect(row?.start).toBe(Date.UTC(2026, 9, 24, 22, 0));
    // Said at its end, 00:20 CEST, and worked in the window: not missed.
    expect(row?.reached).toEqual({ at: berlin('2026-10-25T00:20'), inWindow: true });
    // The Team page reads the same call the same way.
    const block = await ritaBlock('late');
    expect(block?.start).toBe(row?.start);
    expect(block?.worked).toMatchObject({ at: row?.reached?.at, inWindow: true });
  });

  it('takes no call of the evening before that was over by midnight', async () => {
    const row = await ritaRow('early');
    expect(row?.start).toBe(berlin('2026-10-25T00:00'));
    expect(row?.reached).toBeUndefined();
    expect((await ritaBlock('early'))?.worked ?? null).toBeNull();
  });
});
