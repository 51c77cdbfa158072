import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { TouchedPeople } from '../../src/main/sync/touchedPeople';

/** A West Coast shift as Zoho lists it: weekdays 08:00–17:00 Los Angeles time, lunch 12:00–13:00. */
const WEST_COAST = {
  id: 'shift-west',
  name: 'West Coast',
  timezone: 'America/Los_Angeles',
  shift_days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  same_as_everyday: true,
  daily_timing: ['08:00', '17:00'],
  custom_timing: null,
  break_hours: [
    {
      id: 'b1',
      break_days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
      same_as_everyday: true,
      daily_timing: ['12:00', '13:00'],
      custom_timing: null,
    },
  ],
  holidays: [],
  users: null,
  users_count: 1,
};
const LUNCH_OUT = [
  [480, 720],
  [780, 1020],
];

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-shift-hours-',
  () => {
    const data = buildOrganisation(41);
    data.shiftHours = [WEST_COAST];
    const ren = data.users.find((u) => u.id === 'u2');
    if (ren) ren.$current_shift = { id: WEST_COAST.id, name: WEST_COAST.name };
    return data;
  },
  (e) => (env = e),
);
const current = (): SyncTestEnv => {
  if (!env) throw new Error('no test environment');
  return env;
};
const shifts = (): { id: string; name: string; time_zone: string; days: unknown }[] =>
  (
    rawHandle(current().db)
      .prepare('select id, name, time_zone, hours from shifts order by id')
      .all() as { id: string; name: string; time_zone: string; hours: string }[]
  ).map(({ hours, ...s }) => ({ ...s, days: (JSON.parse(hours) as { days: unknown }).days }));
const shiftOf = (userId: string): string | null =>
  rawHandle(current().db).prepare('select shift_id from users where id = ?').pluck().get(userId) as
    string | null;

describe("a rep's shift hours, synced from Zoho", () => {
  it('stores each shift as the week its users work, breaks taken out, and who works it', async () => {
    const { db, server } = current();
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.notes).toEqual([]);
    expect(shifts()).toEqual([
      {
        id: 'shift-west',
        name: 'West Coast',
        time_zone: 'America/Los_Angeles',
        days: [LUNCH_OUT, LUNCH_OUT, LUNCH_OUT, LUNCH_OUT, LUNCH_OUT, [], []],
      },
    ]);
    expect(shiftOf('u2')).toBe('shift-west');
    // Everyone else works the organisation's hours.
    expect(shiftOf('u3')).toBeNull();
    expect(server.requests.map((r) => r.path)).toContain(
      '/crm/v8/settings/business_hours/shift_hours',
    );
  });

  it('takes a rep off a shift, and a shift away, when Zoho no longer lists them', async () => {
    const { db, server } = current();
    await runSync(db, zohoSourceFor(server));
    server.data.shiftHours = [];
    for (const u of server.data.users) u.$current_shift = null;
    await runSync(db, zohoSourceFor(server));
    expect(shifts()).toEqual([]);
    expect(shiftOf('u2')).toBeNull();
  });

  it.each([
    [
      'a sign-in without the Manage Users permission',
      (s: SyncTestEnv['server']) => s.inject('no-permission', { path: /shift_hours$/, times: 5 }),
      /^Shift hours: the signed-in Zoho user may not read them \(Zoho asks for the Manage Users permission\), so the shifts read before are kept/,
    ],
    [
      'an answer of a shape Zoho does not document',
      (s: SyncTestEnv['server']) =>
        s.inject('body-200', { path: /shift_hours$/, body: { shift_hours: 'West Coast' } }),
      /^Shift hours: Zoho answered the shift hours with no list of shifts: .*West Coast.*; the shifts read before are kept/,
    ],
    [
      'a shift whose times are not a list',
      (s: SyncTestEnv['server']) =>
        s.inject('body-200', {
          path: /shift_hours$/,
          body: { shift_hours: [{ ...WEST_COAST, daily_timing: '08:00-17:00' }] },
        }),
      /^Shift hours: Zoho answered the shift hours with shift shift-west's days or times that are not lists/,
    ],
  ])(
    'keeps the shifts read before, says why and syncs the rest, after %s',
    async (_, fault, said) => {
      const { db, server } = current();
      await runSync(db, zohoSourceFor(server));
      const before = shifts();
      server.data.shiftHours = [{ ...WEST_COAST, daily_timing: ['06:00', '15:00'] }];
      fault(server);

      const summary = await runSync(db, zohoSourceFor(server));

      expect(summary.notes).toEqual([expect.stringMatching(said)]);
      // Shifts are stored: the note says they are kept, not that reps now have none.
      expect(summary.notes[0]).toMatch(
        /the shifts read before are kept; until some are read, every rep works the organisation’s hours$/,
      );
      expect(shifts()).toEqual(before);
      expect(shiftOf('u2')).toBe('shift-west');
      expect(summary.modules.Leads).toBeDefined();
    },
  );

  it('says a shift with no working time is planned as none, and stores it with its reps', async () => {
    const { db, server } = current();
    server.data.shiftHours = [{ ...WEST_COAST, shift_days: [], daily_timing: null }];
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.notes).toEqual([
      `Shift hours: "West Coast" has no working time; its reps are planned in the organisation's hours`,
    ]);
    expect(shiftOf('u2')).toBe('shift-west');
  });

  it('without the settings scope, plans every rep in the organisation’s hours and says so', async () => {
    const { db, server } = current();
    server.data.settingsScope = false;
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.notes.join('\n')).toMatch(
      /Shift hours: the Zoho sign-in lacks the ZohoCRM\.settings\.READ scope/,
    );
    expect(shifts()).toEqual([]);
  });

  it("relearns a rep's people when their shift's hours change, or they move to none", async () => {
    const { db, server } = current();
    await runSync(db, zohoSourceFor(server));
    const owned = (owner: string): string[] =>
      (
        rawHandle(db)
          .prepare('select id from people where owner_id = ? order by id')
          .pluck()
          .all(owner) as string[]
      ).sort();
    expect(owned('u2').length).toBeGreaterThan(0);
    const touched = new TouchedPeople(db);
    touched.attach();
    await runSync(db, zohoSourceFor(server));
    // The same shift read again changes nobody's windows.
    expect(touched.take()).toEqual([]);

    server.data.shiftHours = [{ ...WEST_COAST, daily_timing: ['07:00', '16:00'] }];
    await runSync(db, zohoSourceFor(server));
    expect(touched.take().sort()).toEqual(owned('u2'));

    const ren = server.data.users.find((u) => u.id === 'u2');
    if (ren) ren.$current_shift = null;
    await runSync(db, zohoSourceFor(server));
    expect(touched.take().sort()).toEqual(owned('u2'));
    touched.detach();
  });
});
