import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { getPerson } from '../../src/main/people/peopleQueries';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';

// A lead or contact given to another rep, or taken out of a sharing rule, leaves no trace in
// Zoho's listings of changes or of deleted records; one shared again keeps its old Modified_Time.
// Once a day the sync lists each module's ids and sets what is stored here right.

let server: CrmTestServer;
let db: Db;

eachTestSyncEnv(
  'cw-sync-visibility-',
  () => buildOrganisation(43, { leads: 12, contacts: 8, accounts: 4, deals: 4 }),
  (env) => {
    ({ server, db } = env);
  },
);

const HOUR = 3_600_000;
const clock = () => server.data.clock;
const sync = () => runSync(db, zohoSourceFor(server), { now: clock });
const later = (ms: number): void => {
  server.data.clock += ms;
};
const stored = (id: string): boolean =>
  rawHandle(db)
    .prepare('select 1 from people where id = ? union select 1 from deals where id = ?')
    .get(id, id) !== undefined;
const leadIds = (): string[] => [...server.data.table('Leads').keys()];
/** Requests for a module's ids alone (the daily check's listing). */
const idListings = (): number =>
  server.requests.filter((r) =>
    /^\/crm\/v8\/\w+\?fields=Modified_Time&per_page=200&sort_by=id/.test(r.path),
  ).length;

describe('records Zoho stops showing the rep without deleting them', () => {
  it('are taken off this computer by the next day’s sync, with a note naming them', async () => {
    await sync();
    const [nora, deal] = [leadIds()[0] ?? '', [...server.data.table('Deals').keys()][0] ?? ''];
    const name = server.data.table('Leads').get(nora);
    expect(stored(nora) && stored(deal)).toBe(true);
    server.data.unshare('Leads', nora);
    server.data.unshare('Deals', deal);

    later(HOUR);
    await sync();
    // Not checked again the same day: her copy stays until the day is over.
    expect(stored(nora)).toBe(true);

    later(24 * HOUR);
    const summary = await sync();
    expect(stored(nora)).toBe(false);
    expect(stored(deal)).toBe(false);
    expect(summary.visibility?.removed).toBe(2);
    const shown = [name?.['First_Name'], name?.['Last_Name']].filter(Boolean).join(' ');
    expect(summary.visibility?.notes).toContain(
      `Zoho no longer shows you the lead “${shown}” (given to another rep, or no longer shared with you), so its copy here is gone, from your people and your plans`,
    );
    // Nothing of it reaches the sync command's notes, which print as they always did.
    expect(summary.notes.join('\n')).not.toMatch(/no longer shows you/);
  });

  it('leave a page that says the person may be no longer shared, not only deleted', async () => {
    await sync();
    const [hidden] = leadIds();
    if (!hidden) throw new Error('the organisation has leads');
    server.data.unshare('Leads', hidden);
    later(25 * HOUR);
    await sync();
    expect(stored(hidden)).toBe(false);
    // The person's page, opened from a link or an alert kept from before.
    expect(() => getPerson(db, 'UTC', hidden, DEFAULT_SETTINGS, clock(), null)).toThrow(
      `No lead or contact with id ${hidden}; it may have been deleted in the CRM or no longer shared with you.`,
    );
  });

  it('are stored once Zoho shows them again, though nothing in them changed', async () => {
    const [hidden] = leadIds();
    if (!hidden) throw new Error('the organisation has leads');
    const modified = Date.parse(server.data.table('Leads').get(hidden)?.Modified_Time ?? '');
    server.data.unshare('Leads', hidden);
    await sync();
    expect(stored(hidden)).toBe(false);

    // Given to this rep now, as it was: its Modified_Time is older than anything synced since.
    server.data.reshare('Leads', hidden);
    later(25 * HOUR);
    const summary = await sync();
    expect(stored(hidden)).toBe(true);
    expect(
      rawHandle(db).prepare('select modified_at from people where id = ?').pluck().get(hidden),
    ).toBe(modified);
    expect(summary.visibility?.added).toBe(1);
  });

  it('are checked once a day, on the first sync after 24 hours, not on every sync', async () => {
    await sync();
    // The first sync read everything it may see: it counts as the day's check.
    expect(idListings()).toBe(0);
    later(23 * HOUR);
    await sync();
    expect(idListings()).toBe(0);
    later(HOUR);
    const asked = server.requests.length;
    const day = await sync();
    const checked = idListings();
    // Leads, contacts, accounts and deals: one page of ids each.
    expect(checked).toBe(4);
    // Counted in the run's API requests, as every request is (the credit budget paces on them).
    expect(day.credits?.run).toBe(
      server.requests.slice(asked).filter((r) => r.path.startsWith('/crm/')).length,
    );
    later(12 * HOUR);
    await sync();
    expect(idListings()).toBe(checked);
    later(12 * HOUR);
    await sync();
    expect(idListings()).toBe(2 * checked);
  });
});

/** `n` more leads of the rep's, stored by the next sync. */
const moreLeads = (n: number): string[] =>
  Array.from(
    { length: n },
    (_, i) =>
      server.data.insert('Leads', {
        First_Name: 'Extra',
        Last_Name: `Lead ${i}`,
        Owner: { id: 'u2' },
      }).id,
  );

describe('a check that could go wrong', () => {
  it('removes nothing when the listing of ids is cut short, and the next sync checks again', async () => {
    moreLeads(200); // Two pages of lead ids.
    await sync();
    const [hidden] = leadIds();
    if (!hidden) throw new Error('the organisation has leads');
    server.data.unshare('Leads', hidden);
    later(25 * HOUR);
    // The second page of ids fails through every retry.
    server.inject('server-error', {
      path: /\/crm\/v8\/Leads$/,
      query: /sort_by=id&sort_order=asc&page=2/,
      times: 20,
    });
    const cut = await sync();
    expect(stored(hidden)).toBe(true);
    expect(cut.visibility?.notes).toEqual([
      expect.stringMatching(
        /^Leads: whether Zoho still shows you every record stored here could not be checked \(.+\); nothing was removed, and the next sync checks again$/,
      ),
    ]);
    server.clearFaults();
    later(HOUR);
    await sync();
    expect(stored(hidden)).toBe(false);
  });

  it('removes nothing when Zoho would take away more than half of a module’s records, and says why', async () => {
    moreLeads(30);
    await sync();
    const all = leadIds();
    const hidden = all.slice(0, 25);
    for (const id of hidden) server.data.unshare('Leads', id);
    later(25 * HOUR);
    const summary = await sync();
    expect(hidden.filter(stored)).toEqual(hidden);
    expect(summary.visibility?.removed).toBe(0);
    expect(summary.visibility?.notes).toContain(
      `Leads: Zoho no longer shows you 25 of the ${all.length} stored here. That many at once looks like a change to your Zoho profile or sharing rules rather than records given to other reps, so none was removed; if it is right, ask your Zoho administrator, and the next day's sync checks again`,
    );
  });
});
