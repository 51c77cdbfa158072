// Runs the sync command as its own process, as `node --import tsx src/main/cli/cli.ts sync` will
// once cli.ts routes `sync` to runSyncCli.
import { runSyncCli } from '../../src/main/cli/sync';

process.exitCode = await runSyncCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
