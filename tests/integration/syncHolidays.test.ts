import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { rawHandle } from '../../src/main/db/bulkHandle';

/** A West Coast shift as Zoho lists it: weekdays 08:00–17:00 Los Angeles time. */
const WEST_COAST = {
  id: 'shift-west',
  name: 'West Coast',
  timezone: 'America/Los_Angeles',
  shift_days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  same_as_everyday: true,
  daily_timing: ['08:00', '17:00'],
  custom_timing: null,
  break_hours: [],
};

/** A holiday as `GET /settings/holidays` lists it. */
function holiday(
  id: string,
  date: string,
  name: string,
  shift: { id: string; name: string } | null = null,
): Record<string, unknown> {
  return {
    year: Number(date.slice(0, 4)),
    name,
    date,
    type: shift ? 'shift_holiday' : 'business_holiday',
    id,
    shift_hour: shift,
  };
}

const WEST = { id: WEST_COAST.id, name: WEST_COAST.name };
const HOLIDAYS = [
  holiday('h1', '2026-12-25', 'Christmas Day'),
  holiday('h2', '2027-01-01', 'New Year’s Day'),
  holiday('h3', '2026-11-26', 'Thanksgiving', WEST),
  // Another year than the two read: Zoho's year filter leaves it out.
  holiday('h9', '2028-12-25', 'Christmas Day'),
];

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-holidays-',
  () => {
    // Zoho's clock says 30 December 2026: the holidays of 2026 and of 2027 are read.
    const data = buildOrganisation(43, {}, { start: Date.UTC(2026, 11, 30, 8, 0) });
    data.shiftHours = [WEST_COAST];
    data.holidays = HOLIDAYS;
    const ren = data.users.find((u) => u.id === 'u2');
    if (ren) ren.$current_shift = WEST;
    return data;
  },
  (e) => (env = e),
);
const current = (): SyncTestEnv => {
  if (!env) throw new Error('no test environment');
  return env;
};
const stored = (): string[] =>
  (
    rawHandle(current().db)
      .prepare('select date, name, shift_id from holidays order by date, id')
      .all() as { date: string; name: string; shift_id: string | null }[]
  ).map((h) => `${h.date} ${h.name} ${h.shift_id ?? 'business'}`);

describe("the organisation's holidays, synced from Zoho", () => {
  it('stores the business and shift holidays of this year and the next, each with its shift', async () => {
    const { db, server } = current();
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.notes).toEqual([]);
    expect(stored()).toEqual([
      '2026-11-26 Thanksgiving shift-west',
      '2026-12-25 Christmas Day business',
      '2027-01-01 New Year’s Day business',
    ]);
    expect(server.requests.map((r) => r.path).filter((p) => p.includes('holidays'))).toEqual([
      '/crm/v8/settings/holidays?year=2026',
      '/crm/v8/settings/holidays?year=2027',
    ]);
  });

  it('replaces them with what Zoho lists on each read, and keeps an earlier year’s', async () => {
    const { db, server } = current();
    rawHandle(db)
      .prepare(
        "insert into holidays (id, date, name, shift_id) values ('old', '2025-12-25', 'Christmas Day', null)",
      )
      .run();
    await runSync(db, zohoSourceFor(server));
    server.data.holidays = [
      holiday('h1', '2026-12-24', 'Christmas Eve'),
      holiday('h4', '2027-07-05', 'Independence Day (observed)', WEST),
    ];
    await runSync(db, zohoSourceFor(server));
    expect(stored()).toEqual([
      '2025-12-25 Christmas Day business',
      '2026-12-24 Christmas Eve business',
      '2027-07-05 Independence Day (observed) shift-west',
    ]);
    // None at all (Zoho answers 204): none stored for those years.
    server.data.holidays = [];
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.notes).toEqual([]);
    expect(stored()).toEqual(['2025-12-25 Christmas Day business']);
  });

  it.each([
    [
      'a sign-in without the settings scope',
      (s: SyncTestEnv['server']) => {
        s.data.settingsScope = false;
      },
      /Holidays: the Zoho sign-in lacks the ZohoCRM\.settings\.READ scope, so the holidays read before are kept/,
    ],
    [
      'a sign-in whose profile may not read them',
      (s: SyncTestEnv['server']) => s.inject('no-permission', { path: /holidays$/, times: 5 }),
      /^Holidays: the signed-in Zoho user may not read them, so the holidays read before are kept/,
    ],
    [
      'an answer of a shape Zoho does not document',
      (s: SyncTestEnv['server']) =>
        s.inject('body-200', { path: /holidays$/, body: { holidays: 'Christmas' } }),
      /^Holidays: Zoho answered the holidays with no list of holidays: .*Christmas.*; the holidays read before are kept/,
    ],
    [
      'a shift holiday without its shift, in the second year read',
      (s: SyncTestEnv['server']) =>
        s.inject('body-200', {
          path: /holidays$/,
          query: /year=2027/,
          body: {
            holidays: [{ ...holiday('h5', '2027-01-02', 'Day after'), type: 'shift_holiday' }],
          },
        }),
      /^Holidays: Zoho answered the holidays with a shift holiday on 2027-01-02 without its shift/,
    ],
    [
      'a holiday on no date',
      (s: SyncTestEnv['server']) =>
        s.inject('body-200', {
          path: /holidays$/,
          body: { holidays: [{ ...holiday('h6', '2026-12-31', 'Eve'), date: '31/12/2026' }] },
        }),
      /^Holidays: Zoho answered the holidays with a holiday on no date \("31\/12\/2026"\)/,
    ],
    [
      'a server that keeps failing',
      (s: SyncTestEnv['server']) => s.inject('server-error', { path: /holidays$/, times: 20 }),
      /^Holidays: Zoho did not give them \(.*\); the holidays read before are kept/,
    ],
  ])(
    'keeps the holidays read before, says why and syncs the rest, after %s',
    async (_, fault, said) => {
      const { db, server } = current();
      await runSync(db, zohoSourceFor(server));
      const before = stored();
      server.data.holidays = [holiday('h7', '2026-12-31', 'New Year’s Eve')];
      fault(server);

      const summary = await runSync(db, zohoSourceFor(server));

      // One note of the organisation's settings (without the scope, the hours and shifts say so too).
      expect(summary.notes).toEqual([expect.stringMatching(said)]);
      expect(stored()).toEqual(before);
      expect(summary.modules.Leads).toBeDefined();
    },
  );

  it('leaves out a holiday of a type Zoho does not document, and stores the rest', async () => {
    const { db, server } = current();
    server.data.holidays = [
      holiday('h1', '2026-12-25', 'Christmas Day'),
      { ...holiday('h8', '2026-12-28', 'Company retreat'), type: 'optional_holiday' },
    ];
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.notes).toEqual([]);
    expect(stored()).toEqual(['2026-12-25 Christmas Day business']);
  });
});
