import { afterEach, beforeEach } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { ZohoSource, type ZohoSourceOptions } from '../../src/main/crm/zoho/zohoSource';
import type { CrmDataSet, ZRecord } from './crmDataSet';
import { CrmTestServer } from './crmTestServer';
import { rawHandle } from '../../src/main/db/bulkHandle';

export const FAST_RETRY = { attempts: 6, baseDelayMs: 2, maxDelayMs: 20 };

export async function startServer(data: CrmDataSet): Promise<CrmTestServer> {
  const server = new CrmTestServer(data);
  await server.start();
  return server;
}

export function zohoSourceFor(
  server: CrmTestServer,
  overrides: Partial<{ refreshToken: string; clientSecret: string }> = {},
  options: Pick<ZohoSourceOptions, 'bulkDownloadDeadlineMs'> = {},
): ZohoSource {
  return new ZohoSource({
    ...options,
    credentials: {
      accountsUrl: server.url,
      clientId: 'cid',
      clientSecret: 'secret',
      refreshToken: 'refresh',
      ...overrides,
    },
    apiDomain: server.url,
    retry: FAST_RETRY,
  });
}

export async function syncDb(file: string): Promise<Db> {
  return openDatabase(file);
}

const idOf = (v: unknown): string | null =>
  v && typeof v === 'object' ? ((v as { id?: string }).id ?? null) : null;

/** What the local database must hold once a sync of `data` is complete, one line per row. */
export function serverSnapshot(data: CrmDataSet): string[] {
  const out: string[] = [];
  // Not data.table: that would give an organisation without the module an empty one.
  const all = (m: string): ZRecord[] => [...(data.modules.get(m)?.values() ?? [])];
  for (const m of ['Leads', 'Contacts'])
    for (const r of all(m))
      out.push(
        `people ${r.id} ${m === 'Leads' ? 'lead' : 'contact'} ${String(r['Last_Name'])} ${Date.parse(r.Modified_Time)}`,
      );
  for (const r of all('Accounts')) out.push(`accounts ${r.id} ${String(r['Account_Name'])}`);
  for (const r of all('Deals')) out.push(`deals ${r.id} ${String(r['Stage'])}`);
  for (const m of ['Calls', 'Events', 'Tasks', 'Cases'])
    for (const r of all(m)) {
      const person = idOf(r['Who_Id']) ?? idOf(r['What_Id']) ?? idOf(r['Related_To']);
      if (person) out.push(`activities ${r.id} ${person}`);
    }
  for (const r of all('Visits'))
    out.push(`visits ${r.id} ${idOf(r['Contact_Name']) ?? idOf(r['Lead_Name'])}`);
  return out.sort();
}

export function localSnapshot(db: Db): string[] {
  const rows = (sql: string): string[] =>
    (rawHandle(db).prepare(sql).raw().all() as unknown[][]).map((r) => r.join(' '));
  return [
    ...rows(`select 'people', id, module, last_name, modified_at from people`),
    ...rows(`select 'accounts', id, name from accounts`),
    ...rows(`select 'deals', id, stage from deals`),
    ...rows(`select 'activities', id, person_id from activities where id not like '%-webform'`),
    ...rows(`select 'visits', id, person_id from visits`),
  ].sort();
}

export interface SyncTestEnv {
  dir: TempDir;
  server: CrmTestServer;
  db: Db;
}

/**
 * Registers a fresh CRM test server on `data` and an empty sync database for every test of the
 * file, handed to `use` before each test, and stopped and removed after it.
 */
export function eachTestSyncEnv(
  prefix: string,
  data: () => CrmDataSet,
  use: (env: SyncTestEnv) => void,
): void {
  let env: SyncTestEnv | null = null;
  beforeEach(async () => {
    const dir = makeTempDir(prefix);
    const server = await startServer(data());
    env = { dir, server, db: await syncDb(dir.file('sync.db')) };
    use(env);
  });
  afterEach(async () => {
    if (!env) return;
    await env.db.close();
    await env.server.stop();
    env.dir.remove();
    env = null;
  });
}
