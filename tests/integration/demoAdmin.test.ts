import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { allTestsDemoCore } from '../fixtures/demoCore';

let db: Db;
let core: Core;
allTestsDemoCore((env) => ({ db, core } = env));

const as = async (userId: string) => core.handlers.setCurrentUser({ userId });
const owned = (table: string, column = 'owner_id'): number =>
  rawHandle(db)
    .prepare(`select count(*) from ${table} where ${column} = 'u-a1'`)
    .pluck()
    .get() as number;

describe("the demo organisation's admin", () => {
  it('is written with the others, in sales operations, owning nothing', () => {
    expect(rawHandle(db).prepare('select count(*) from users').pluck().get()).toBe(16);
    expect(rawHandle(db).prepare("select * from users where role = 'admin'").all()).toEqual([
      expect.objectContaining({
        id: 'u-a1',
        name: 'Ingrid Vogel',
        team: 'Sales operations',
        manager_id: null,
        shift_id: null,
        time_zone: 'Europe/Berlin',
        active: 1,
      }),
    ]);
    for (const table of ['people', 'accounts', 'deals', 'activities']) expect(owned(table)).toBe(0);
    expect(owned('chats', 'operator_id')).toBe(0);
  });

  it('is offered in "Signed in as", named as the admin, and the demo still opens on a rep', async () => {
    const session = await core.handlers.getSession({});
    expect(session.mayChooseUser).toBe(true);
    expect(session.currentUser?.id).toBe('u-r1');
    expect(session.users.find((u) => u.id === 'u-a1')).toMatchObject({
      name: 'Ingrid Vogel',
      role: 'admin',
      title: 'admin',
      team: 'Sales operations',
    });
    // The director is still the director: the admin reports to nobody and manages nobody.
    expect(session.users.find((u) => u.id === 'u-d1')?.title).toBe('director');
  });

  it('sees every rep of the organisation on the Team page, as the director does', async () => {
    await as('u-a1');
    const day = await core.handlers.getTeamDay({});
    expect(day.manager).toEqual({ id: 'u-a1', name: 'Ingrid Vogel', timeZone: 'Europe/Berlin' });
    expect(day.reps.map((r) => r.repId).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `u-r${i + 1}`).sort(),
    );
    // And any rep's plan in the planner.
    expect((await core.handlers.getPlanner({ repId: 'u-r7', first: 5 })).repId).toBe('u-r7');
  });

  it('alone turns visit alerts off for everyone: with an admin, the managers no longer may', async () => {
    for (const id of ['u-d1', 'u-m1', 'u-m2', 'u-r1']) {
      await as(id);
      expect((await core.handlers.getAlertSettings({})).canChangeEnabled).toBe(false);
    }
    await as('u-m1');
    expect(await core.dispatch('setVisitAlertsEnabled', { enabled: false })).toEqual({
      ok: false,
      error: 'Greta Lindqvist cannot turn visit alerts on or off for everyone: only an admin can.',
    });
    await as('u-a1');
    expect(await core.dispatch('setVisitAlertsEnabled', { enabled: false })).toMatchObject({
      ok: true,
      value: { canChangeEnabled: true, enabledForEveryone: false },
    });
    await as('u-r1');
    expect(await core.handlers.getAlertSettings({})).toMatchObject({
      canChangeEnabled: false,
      enabledForEveryone: false,
    });
  });

  it('owns no one, as the session says, where a rep does (her pages open on the whole organisation)', async () => {
    for (const [id, owns] of [
      ['u-a1', false],
      ['u-r1', true],
      ['u-m1', false],
    ] as const) {
      const session = await as(id);
      expect(session.currentUser?.id).toBe(id);
      expect(session.currentUser?.ownsPeople).toBe(owns);
    }
  });

  it("has default alert rules about anyone's open deals, which would have alerted her last week; reps and managers keep their own people's", async () => {
    await as('u-a1');
    const settings = await core.handlers.getAlertSettings({});
    expect(settings.defaultRules).toBe(true);
    expect(settings.rules).toEqual([
      { name: 'Open deals on the website', categories: ['customer_open_deal'], owner: 'anyone' },
    ]);
    const preview = await core.handlers.previewAlertRules({ days: 7 });
    expect(preview.alerts).toBeGreaterThan(0);
    // "My people" would have raised nothing for her.
    const mine = await core.handlers.previewAlertRules({
      days: 7,
      rules: settings.rules.map((r) => ({ ...r, owner: 'me' as const })),
    });
    expect(mine.alerts).toBe(0);
    for (const id of ['u-r1', 'u-m1', 'u-d1']) {
      await as(id);
      expect((await core.handlers.getAlertSettings({})).rules).toEqual([
        {
          name: 'My people on the website',
          categories: ['customer', 'customer_open_deal', 'lead_contact'],
          owner: 'me',
        },
      ]);
    }
  });
});
