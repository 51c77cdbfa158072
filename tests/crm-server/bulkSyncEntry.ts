// A sync with bulk read's threshold lowered, as its own process, for the tests that kill it:
// node --import tsx tests/crm-server/bulkSyncEntry.ts DB URL
import { openDatabase } from '../../src/main/db/openDatabase';
import { ZohoSource } from '../../src/main/crm/zoho/zohoSource';
import { runSync } from '../../src/main/sync/syncEngine';

const [file, url] = process.argv.slice(2);
if (!file || !url) throw new Error('usage: bulkSyncEntry.ts DB URL');
const source = new ZohoSource({
  credentials: {
    accountsUrl: url,
    clientId: 'cid',
    clientSecret: 'secret',
    refreshToken: 'refresh',
  },
  apiDomain: url,
  retry: { attempts: 6, baseDelayMs: 2, maxDelayMs: 20 },
});
const db = await openDatabase(file);
try {
  await runSync(db, source, {
    bulkRead: { aboveRecords: 300, pollIntervalMs: 5, pageSize: 100 },
    emails: { peoplePerRun: 4 },
  });
} finally {
  await db.close();
}
