// Runs the sync command as its own process, as `node --import tsx src/main/cli.ts sync` will
// once cli.ts routes `sync` to runSyncCli.
import { runSyncCli } from '../../src/main/crm/zoho/syncCommand';

process.exitCode = await runSyncCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
