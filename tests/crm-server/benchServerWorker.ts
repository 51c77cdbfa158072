// The CRM test server in a worker thread, so the benchmark measures the sync's event loop,
// not the server's.
import { parentPort, workerData } from 'node:worker_threads';
import { buildOrganisation } from './crmFactories';
import { CrmTestServer } from './crmTestServer';
import { startDelayingProxy } from './delayingProxy';
import { ZOHO_MODULES } from '../../src/main/crm/zoho/zohoModules';
import { DEFAULT_BULK_READ_POLICY } from '../../src/main/sync/bulkPull';

const { records, delayMs = 0 } = workerData as { records: number; delayMs?: number };
// Accounts, contacts and leads, plus one call per person: about `records` in all.
const people = Math.floor((records - 1000) / 2);
const data = buildOrganisation(1, {
  accounts: 1000,
  contacts: Math.floor(people * 0.4),
  leads: people - Math.floor(people * 0.4),
  deals: 0,
  callsPerPerson: 1,
  events: 0,
  tasks: 0,
  cases: 0,
  visits: 0,
});
const total = [...data.modules.values()].reduce((n, t) => n + t.size, 0);
const server = new CrmTestServer(data);
// Nothing changes while the benchmark runs: each record is serialised once, before it starts, as
// Zoho's servers do their work on their own machines, not on the cores the sync runs on.
server.cacheRecordJson = true;
server.bulk.cacheFiles = true;
// The sync asks for the fields of ours the organisation's metadata lists, in our order; so does
// a Bulk Read export's job.
for (const [module, spec] of Object.entries(ZOHO_MODULES))
  if (data.modules.has(module)) {
    const fields = spec.fields.filter((f) => data.fieldsOf(module).has(f));
    server.prepareRecordJson(module, fields);
    if (data.table(module).size > DEFAULT_BULK_READ_POLICY.aboveRecords)
      server.bulk.prepareFile(module, fields);
  }
const direct = await server.start();
// The delayed run: the server answers at once, behind a proxy that holds every request (the token
// endpoint's too) as a network would. The token answer names the proxy as the API's domain, so
// the client's every request goes through it. In this thread, so the proxy's work is not the
// sync's either.
const proxy = delayMs > 0 ? await startDelayingProxy(direct, delayMs) : null;
if (proxy) server.apiDomainOverride = proxy.url;
parentPort?.postMessage({ url: proxy?.url ?? direct, total });
parentPort?.on('message', (m) => {
  if (m === 'stop')
    void (proxy?.stop() ?? Promise.resolve()).then(() => server.stop()).then(() => process.exit(0));
});
