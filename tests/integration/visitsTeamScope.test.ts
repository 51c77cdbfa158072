import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertsEvent } from '../../src/shared/alertsContract';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { runCliInProcess } from '../fixtures/runCli';
import { addVisit, alertsOrgDb, MIN, MONDAY_10 } from '../fixtures/alertsOrg';

// A manager's team on the Visits page and in her alert rules, on a real SQLite file: Greta Boss
// manages Rita and Otto; Rita owns Carla, Dirk and Lena, Otto owns Olaf, Greta owns nobody.

const HOUR = 60 * MIN;

let dir: TempDir;
let db: Db;
let core: Core;
let now: number;
let events: AlertsEvent[];

beforeEach(async () => {
  dir = makeTempDir('cw-visits-team-');
  now = MONDAY_10 + 2 * HOUR;
  events = [];
  db = await alertsOrgDb(dir, 'org.db', true);
  core = createCore(db, () => now);
  core.on('alerts', (e) => events.push(e));
  addVisit(db, { id: 'on-cust', personId: 'p-cust', start: now - 10 * MIN });
  addVisit(db, { id: 'on-other', personId: 'p-other', start: now - 5 * MIN });
  addVisit(db, { id: 'on-anon', ip: '203.0.113.77', start: now - 3 * MIN });
  addVisit(db, { id: 'gone-lead', personId: 'p-lead', start: now - 3 * HOUR, ended: true });
});
afterEach(async () => {
  core.alerts.dispose();
  await db.close();
  dir.remove();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

const ids = (list: { onSite: { id: string }[]; today: { id: string }[] }) => [
  ...list.onSite.map((v) => v.id),
  ...list.today.map((v) => v.id),
];

describe("a manager's team's visits (listVisits scope 'team')", () => {
  it("lists the visits of her reps' people and her own, not unknown visitors", async () => {
    await call('setCurrentUser', { userId: 'boss' });
    expect(ids(await call('listVisits', { scope: 'mine' }))).toEqual([]);
    expect(ids(await call('listVisits', { scope: 'team' }))).toEqual([
      'on-other',
      'on-cust',
      'gone-lead',
    ]);
    expect(ids(await call('listVisits', { scope: 'everyone' }))).toContain('on-anon');
  });

  it('narrows to one rep of her team, and refuses someone outside it in words', async () => {
    await call('setCurrentUser', { userId: 'boss' });
    expect(ids(await call('listVisits', { scope: 'team', ownerId: 'rep2' }))).toEqual(['on-other']);
    expect(ids(await call('listVisits', { scope: 'team', ownerId: 'rep' }))).toEqual([
      'on-cust',
      'gone-lead',
    ]);
    const outside = await core.dispatch('listVisits', { scope: 'team', ownerId: 'adm' });
    expect(outside).toEqual({
      ok: false,
      error:
        "Ada Admin is not in Greta Boss's team: a manager sees the visits of the people who report to them.",
    });
    const mine = await core.dispatch('listVisits', { scope: 'mine', ownerId: 'rep2' });
    expect(mine.ok).toBe(false);
  });

  it('keeps the people of a rep who left in the team (theirs until handed on)', async () => {
    rawHandle(db).prepare("update users set active = 0 where id = 'rep2'").run();
    await call('setCurrentUser', { userId: 'boss' });
    expect(ids(await call('listVisits', { scope: 'team' }))).toContain('on-other');
  });

  it("is a rep's own people for a rep, who has nobody below", async () => {
    expect(ids(await call('listVisits', { scope: 'team' }))).toEqual(
      ids(await call('listVisits', { scope: 'mine' })),
    );
  });
});

describe("an alert rule for 'my team's people'", () => {
  const teamRule = {
    name: 'My team',
    categories: ['customer', 'customer_open_deal', 'lead_contact'],
    owner: 'team',
  };

  it("alerts a manager when her reps' people are on the website, and previews so", async () => {
    await call('setCurrentUser', { userId: 'boss' });
    await call('updateAlertSettings', { rules: [teamRule] });
    const settings = await call<{ rules: unknown[] }>('getAlertSettings', {});
    // Stored and shown as written: no team attached.
    expect(settings.rules).toEqual([teamRule]);
    core.emit('data-changed', { entities: ['visits'] });
    await expect
      .poll(() => events.flatMap((e) => e.delivered).map((a) => a.name))
      .toEqual(expect.arrayContaining(['Carla Customer', 'Olaf Other']));
    const preview = await call<{ alerts: number }>('previewAlertRules', { days: 1 });
    const mine = await call<{ alerts: number }>('previewAlertRules', {
      days: 1,
      rules: [{ ...teamRule, owner: 'me' }],
    });
    expect(preview.alerts).toBeGreaterThanOrEqual(2);
    expect(mine.alerts).toBe(0);
  });

  it('refuses a team rule for unknown visitors only: nobody owns them', async () => {
    await call('setCurrentUser', { userId: 'boss' });
    const result = await core.dispatch('updateAlertSettings', {
      rules: [{ name: 'Strangers', categories: ['unknown'], owner: 'team' }],
    });
    expect(result.ok ? '' : result.error).toMatch(/never holds with owner "team"/);
  });

  it('runs in the alerts command, for the rep given', async () => {
    const rules = dir.file('rules.json');
    writeFileSync(
      rules,
      JSON.stringify({
        rules: [{ ...teamRule, owner: 'team' }],
        working_hours: 'Mon-Sun 00:00-24:00',
      }),
    );
    const out = dir.file('out.json');
    const from = new Date(now - 6 * HOUR).toISOString();
    const to = new Date(now + 1).toISOString();
    const res = await runCliInProcess([
      'alerts',
      '--db',
      dir.file('org.db'),
      '--rep',
      'greta@example.com',
      '--from',
      from,
      '--to',
      to,
      '--rules',
      rules,
      '--out',
      out,
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const report = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as {
      alerts: { person_id: string }[];
    };
    expect(report.alerts.map((a) => a.person_id).sort()).toEqual(['p-cust', 'p-lead', 'p-other']);
  });
});

describe("a rep's stored 'team' rule, with nobody reporting to them", () => {
  // Rita reports to Greta and has nobody below her: a team rule (kept from when she had one, or
  // written by hand) is her own people, a team of one, wherever it is judged.
  const rule = (owner: 'me' | 'team') => ({
    name: 'Team on the website',
    categories: ['customer', 'customer_open_deal', 'lead_contact'],
    owner,
  });

  async function replayed(owner: 'me' | 'team'): Promise<string[]> {
    const rules = dir.file(`rules-${owner}.json`);
    writeFileSync(
      rules,
      JSON.stringify({ rules: [rule(owner)], working_hours: 'Mon-Sun 00:00-24:00' }),
    );
    const out = dir.file(`out-${owner}.json`);
    const res = await runCliInProcess([
      'alerts',
      '--db',
      dir.file('org.db'),
      '--rep',
      'rita@example.com',
      '--from',
      new Date(now - 6 * HOUR).toISOString(),
      '--to',
      new Date(now + 1).toISOString(),
      '--rules',
      rules,
      '--out',
      out,
    ]);
    expect(res.code).toBe(0);
    const report = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as {
      alerts: { person_id: string }[];
    };
    return report.alerts.map((a) => a.person_id).sort();
  }

  it('alerts her, previews and replays in the alerts command exactly as "my people" does', async () => {
    await call('setCurrentUser', { userId: 'rep' });
    await call('updateAlertSettings', { rules: [rule('team')] });
    // Stored as written: the renderer shows it as her own people ("you have no team").
    const settings = await call<{ rules: unknown[] }>('getAlertSettings', {});
    expect(settings.rules).toEqual([rule('team')]);
    core.emit('data-changed', { entities: ['visits'] });
    // Her own people on the website now, never Otto's though Otto shares her manager.
    await expect
      .poll(() => events.flatMap((e) => e.delivered).map((a) => a.name))
      .toContain('Carla Customer');
    expect(events.flatMap((e) => e.delivered).map((a) => a.name)).not.toContain('Olaf Other');
    const asTeam = await call<{ alerts: number }>('previewAlertRules', { days: 1 });
    const asMe = await call<{ alerts: number }>('previewAlertRules', {
      days: 1,
      rules: [rule('me')],
    });
    expect(asTeam).toEqual(asMe);
    expect(asTeam.alerts).toBeGreaterThan(0);
    const byCli = await replayed('team');
    expect(byCli).toEqual(await replayed('me'));
    expect(byCli).toEqual(['p-cust', 'p-lead']);
  });
});

describe('a stored rule this version cannot read', () => {
  function storeRaw(name: string, rule: object, position: number): void {
    rawHandle(db)
      .prepare(
        'insert into alert_rules (user_id, position, name, rule, created_at) values (?, ?, ?, ?, 0)',
      )
      .run('rep', position, name, JSON.stringify(rule));
    rawHandle(db)
      .prepare(
        'insert into alert_preferences (user_id, custom_rules, updated_at) values (?, 1, 0) on conflict (user_id) do update set custom_rules = 1',
      )
      .run('rep');
  }

  it('is named with why, the rules before it keep working, and a save keeps it as stored', async () => {
    storeRaw('Old mine', { categories: ['customer'], owner: 'me' }, 0);
    storeRaw('Region', { categories: ['customer'], owner: 'region' }, 1);
    const settings = await call<{
      rules: { name: string }[];
      unreadableRules: { name: string; problem: string }[];
    }>('getAlertSettings', {});
    expect(settings.rules.map((r) => r.name)).toEqual(['Old mine']);
    expect(settings.unreadableRules).toEqual([
      {
        name: 'Region',
        problem: 'its owner "region": whose people is "me", "team" (a manager\'s team) or "anyone"',
      },
    ]);
    await call('updateAlertSettings', {
      rules: [{ name: 'New', categories: ['lead_contact'], owner: 'me' }],
    });
    const rows = rawHandle(db)
      .prepare("select name, rule from alert_rules where user_id = 'rep' order by position")
      .all() as { name: string; rule: string }[];
    expect(rows.map((r) => r.name)).toEqual(['New', 'Region']);
    expect(JSON.parse(rows[1]?.rule ?? '{}')).toEqual({
      categories: ['customer'],
      owner: 'region',
    });
    const named = await core.dispatch('updateAlertSettings', {
      rules: [{ name: 'region', categories: ['lead_contact'], owner: 'me' }],
    });
    expect(named.ok ? '' : named.error).toMatch(
      /A stored rule is named "Region".*give the new rule another name/,
    );
  });
});
