import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync, type SyncProgress } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

// 2,600 leads, each modified at its own second: thirteen pages of 200, and every listing after
// the first starts again at the second of the page before's last lead.
const LEADS = 2600;
const ONLY_LEADS = { leads: LEADS, contacts: 0, accounts: 0, deals: 0, callsPerPerson: 0 };
const NOTHING_ELSE = { events: 0, tasks: 0, cases: 0, visits: 0 };

let server: CrmTestServer;
let db: Db;
eachTestSyncEnv(
  'cw-counts-',
  () => buildOrganisation(11, { ...ONLY_LEADS, ...NOTHING_ELSE }),
  (env) => ({ server, db } = env),
);

class Killed extends Error {}

const leadsHere = (): number =>
  rawHandle(db)
    .prepare("select count(*) from people where module = 'lead'")
    .pluck()
    .get() as number;

/**
 * One run over Leads, dying at its `killAt`th progress of `phase` if given; what its last
 * progress of the records and of the deletions said (null: none came). `beforePage` is called
 * as each page of changed leads is asked for (1, 2, ...).
 */
async function leadsRun(
  phase: 'records' | 'deletions',
  killAt?: number,
  beforePage?: (n: number) => void,
): Promise<{ finished: boolean; stored: number | null; deleted: number | null }> {
  let seen = 0;
  let stored: number | null = null;
  let deleted: number | null = null;
  const source = zohoSourceFor(server);
  const pullChanged = source.pullChanged.bind(source);
  let pages = 0;
  source.pullChanged = (module, options) => {
    if (module === 'Leads') beforePage?.(++pages);
    return pullChanged(module, options);
  };
  try {
    await runSync(db, source, {
      modules: ['Leads'],
      emails: false,
      onProgress: (p: SyncProgress) => {
        if (p.module !== 'Leads' || p.phase === 'done') return;
        if (p.phase === 'records') stored = p.counts.upserted;
        else deleted = p.counts.deleted;
        if (p.phase === phase && ++seen === killAt) throw new Killed();
      },
    });
    return { finished: true, stored, deleted };
  } catch (error) {
    if (!(error instanceof Killed)) throw error;
    return { finished: false, stored, deleted };
  }
}

describe('how many records a sync says it stored', () => {
  it('says 2,600 for 2,600 leads, though the last lead of each page is read again, and every page says what is stored', async () => {
    const counts: number[] = [];
    const summary = await runSync(db, zohoSourceFor(server), {
      modules: ['Leads'],
      emails: false,
      onProgress: (p) => {
        if (p.module === 'Leads' && p.phase === 'records') {
          counts.push(p.counts.upserted);
          expect(p.counts.upserted).toBe(leadsHere());
        }
      },
    });
    expect(summary.modules.Leads?.upserted).toBe(LEADS);
    expect(counts.length).toBeGreaterThan(LEADS / 200);
    expect(counts.at(-1)).toBe(LEADS);
  });

  it('says 2,600 in all for a first sync killed in the middle and resumed, counting on from the run before', async () => {
    const first = await leadsRun('records', 5);
    expect(first.finished).toBe(false);
    const stored = leadsHere();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(LEADS);
    const progress: number[] = [];
    const summary = await runSync(db, zohoSourceFor(server), {
      modules: ['Leads'],
      emails: false,
      onProgress: (p) => {
        if (p.module !== 'Leads' || p.phase !== 'records') return;
        progress.push(p.counts.upserted);
        // What the run before stored is carried, and the bar goes on from there.
        expect(p.carried).toBe(stored);
        expect(p.counts.upserted).toBe(leadsHere());
      },
    });
    expect(summary.modules.Leads?.upserted).toBe(LEADS);
    expect(progress[0]).toBeGreaterThan(stored);
  });

  it('counts a lead edited in the CRM while the first sync runs once, though it is read again at its new version', async () => {
    const [firstLead] = server.data.sorted('Leads');
    let edited = false;
    server.beforeApiRequest = (path) => {
      // Once the first pages are stored, someone edits the very first lead: it moves to the end.
      if (edited || !path.startsWith('/crm/v8/Leads?') || leadsHere() < 600) return;
      edited = true;
      server.data.clock = Date.now();
      server.data.modify('Leads', firstLead?.id ?? '', { Last_Name: 'Edited meanwhile' });
    };
    const summary = await runSync(db, zohoSourceFor(server), { modules: ['Leads'], emails: false });
    expect(edited).toBe(true);
    expect(summary.modules.Leads?.upserted).toBe(LEADS);
    expect(
      rawHandle(db).prepare('select last_name from people where id = ?').pluck().get(firstLead?.id),
    ).toBe('Edited meanwhile');
  });

  it('counts the changes and deletions of a later sync once each, across a resume and an edit during it', async () => {
    await runSync(db, zohoSourceFor(server), { modules: ['Leads'], emails: false });
    const synced = rawHandle(db).prepare('select max(modified_at) from people').pluck().get();
    const changedHere = (): number =>
      rawHandle(db)
        .prepare('select count(*) from people where modified_at > ?')
        .pluck()
        .get(synced) as number;
    const leads = server.data.sorted('Leads');
    // 650 edited (four pages), then 300 removed (two pages of the recycle bin).
    for (const lead of leads.slice(0, 650))
      server.data.modify('Leads', lead.id, { Lead_Status: 'Contacted' });
    for (const lead of leads.slice(1000, 1300)) server.data.remove('Leads', lead.id);

    // Killed after two pages of changes.
    const killed = await leadsRun('records', 2);
    expect(killed).toMatchObject({ finished: false, stored: changedHere() });
    expect(killed.stored).toBeGreaterThan(350);

    // The next run reads on. Its second page is asked for as soon as the first arrives, before
    // that page is stored: a lead on the first is edited then, and comes again on the second.
    const edit = (n: number): void => {
      if (n === 2) server.data.modify('Leads', leads[420]?.id ?? '', { Lead_Status: 'Qualified' });
    };
    expect(await leadsRun('deletions', 1, edit)).toMatchObject({
      finished: false,
      stored: 650,
      deleted: 200,
    });
    expect(changedHere()).toBe(650);
    // The deletions go on from 200; the changes were a pull of their own, finished before.
    expect(await leadsRun('deletions')).toMatchObject({ finished: true, stored: 0, deleted: 300 });
    expect(leadsHere()).toBe(LEADS - 300);
  });

  it('counts a change once when it is edited again mid-sync and comes back in another stretch of the listing', async () => {
    await runSync(db, zohoSourceFor(server), { modules: ['Leads'], emails: false });
    const leads = server.data.sorted('Leads');
    // 1,300 changes (seven pages), read as several stretches side by side.
    for (const lead of leads.slice(0, 1300))
      server.data.modify('Leads', lead.id, { Lead_Status: 'Contacted' });
    const first = leads[0]?.id ?? '';
    const statusHere = (): unknown =>
      rawHandle(db).prepare('select lead_status from people where id = ?').pluck().get(first);
    const source = zohoSourceFor(server);
    const pullChanged = source.pullChanged.bind(source);
    let inFlight = 0;
    let sideBySide = 0;
    let edited = false;
    source.pullChanged = async (module, options) => {
      if (module !== 'Leads') return pullChanged(module, options);
      sideBySide = Math.max(sideBySide, ++inFlight);
      // Once the first stretch has stored the oldest change and others read beside it, that
      // lead is edited again: it moves to the end of the listing, into the open-ended stretch.
      if (!edited && inFlight > 1 && statusHere() === 'Contacted') {
        edited = true;
        server.data.modify('Leads', first, { Lead_Status: 'Qualified' });
      }
      try {
        return await pullChanged(module, options);
      } finally {
        inFlight--;
      }
    };
    const summary = await runSync(db, source, { modules: ['Leads'], emails: false });
    expect(sideBySide).toBeGreaterThan(1);
    expect(edited).toBe(true);
    // Read again this run, at its new version, and counted once.
    expect(statusHere()).toBe('Qualified');
    expect(summary.modules.Leads?.upserted).toBe(1300);
  });
});
