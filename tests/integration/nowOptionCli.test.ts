import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../fixtures/runCli';
import { runServeCli } from '../../src/main/cli/serve';
import { COMMAND_USAGE } from '../../src/main/cli/commandUsage';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { teamOrgDb } from '../fixtures/teamOrg';

let dir: TempDir;
let db: string;
/** Monday 23 November 2026, 09:30 in Berlin: Rita's 09:00–10:00 call window is open. */
const CANONICAL = '2026-11-23T09:30:00+01:00';

const cli = runCliInProcess;

const plan = (now: string) => cli(['plan', '--db', db, '--rep', 'r1', '--now', now]);

async function team(now: string): Promise<{ code: number; stderr: string; json: unknown }> {
  const out = dir.file(`team-${Math.random()}.json`);
  const res = await cli(['team', '--db', db, '--manager', 'm1', '--now', now, '--out', out]);
  return {
    code: res.code,
    stderr: res.stderr,
    json: res.code === 0 ? JSON.parse(readFileSync(out, 'utf8')) : null,
  };
}

/** serve up to the built pages, which these tests leave out: past --now, it stops there. */
async function serve(now: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runServeCli(
    ['--db', db, '--now', now],
    { stdout: () => undefined, stderr: (s) => (stderr += s) },
    dir.file('no-build'),
  );
  return { code, stderr };
}

beforeAll(async () => {
  dir = makeTempDir('cw-now-cli-');
  const org = await teamOrgDb(dir);
  org.person('p1', 'r1');
  org.window('p1', 'call', 1, '09:00', '10:00', 4);
  org.person('p2', 'r1');
  org.window('p2', 'email', 1, '16:00', '17:00', 3);
  await org.db.close();
  db = dir.file('team.db');
});
afterAll(() => dir.remove());

describe('--now, read one way by plan, team and serve', () => {
  it('takes an instant in any form Luxon reads with an offset: z, +01, a week or ordinal date', async () => {
    const expected = await plan(CANONICAL);
    expect([expected.code, expected.stderr]).toEqual([0, '']);
    expect(JSON.parse(expected.stdout)).toHaveLength(2);
    const teamDay = await team(CANONICAL);
    expect(teamDay.code).toBe(0);
    const written = statSync(db).mtimeMs;
    for (const now of [
      '2026-11-23T08:30:00z',
      '2026-11-23t08:30:00Z',
      '2026-11-23T09:30:00+01',
      '2026-11-23T03:30-05',
      '2026-W48-1T08:30Z',
      '2026-327T09:30+0100',
      '20261123T083000Z',
    ]) {
      expect([now, await plan(now)]).toEqual([now, expected]);
      expect([now, await team(now)]).toEqual([now, teamDay]);
      // Past --now, serve stops at the missing pages: the clock was taken.
      const served = await serve(now);
      expect([now, served.code, served.stderr]).toEqual([
        now,
        1,
        expect.stringContaining('No built renderer at'),
      ]);
    }
    expect(statSync(db).mtimeMs).toBe(written);
  });

  it('refuses the same instants everywhere, in the same words', async () => {
    const refusals: [string, string][] = [
      [
        '2026-11-23T09:30:00',
        '--now "2026-11-23T09:30:00" is not an ISO instant with an offset (e.g. 2026-11-23T10:00:00+01:00)',
      ],
      // Luxon reads a time alone as that time today: another instant every day.
      [
        '09:30Z',
        '--now "09:30Z" is not an ISO instant with an offset (e.g. 2026-11-23T10:00:00+01:00)',
      ],
      [
        '2026-11-23T09:30[Europe/Berlin]',
        '--now "2026-11-23T09:30[Europe/Berlin]" is not an ISO instant with an offset (e.g. 2026-11-23T10:00:00+01:00)',
      ],
      [
        '2026-11-23T09:30+05:00[Europe/Berlin]',
        '--now "2026-11-23T09:30+05:00[Europe/Berlin]": +05:00 is not the offset of Europe/Berlin at that time',
      ],
      [
        '2026-11-23T09:30+15',
        '--now "2026-11-23T09:30+15": +15:00 is not an offset a clock can have (from -12:00 to +14:00)',
      ],
      ['2026-W48-8T09:30Z', '--now "2026-W48-8T09:30Z" names a day or a time that does not exist'],
      // The offset is there: what is wrong is the zone's name, and the message says so.
      [
        '2026-11-23T09:30+01:00[Europe/Nowhere]',
        '--now "2026-11-23T09:30+01:00[Europe/Nowhere]": Europe/Nowhere is not a time zone (an IANA name such as Europe/Berlin, or leave out the brackets)',
      ],
    ];
    for (const [now, problem] of refusals) {
      const planned = await plan(now);
      expect([now, planned.code, planned.stderr, planned.stdout]).toEqual([
        now,
        2,
        `plan: ${problem}\n${COMMAND_USAGE.plan}\n`,
        '',
      ]);
      expect([now, await team(now)]).toEqual([
        now,
        { code: 2, stderr: `team: ${problem}\n${COMMAND_USAGE.team}\n`, json: null },
      ]);
      expect([now, await serve(now)]).toEqual([
        now,
        { code: 2, stderr: `serve: ${problem}\n${COMMAND_USAGE.serve}\n` },
      ]);
    }
  });
});
