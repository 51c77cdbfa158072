import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openWorkspace } from '../core/workspace';
import { DEFAULT_RETRY } from '../crm/zoho/zohoHttp';
import { MemorySecretStore } from '../secrets/secretStore';
import { startWebHost } from '../web/webHost';
import { intOption } from './cliArgs';
import type { Io } from './cliIo';

/** `serve [--db FILE] [--port N]`: the app on 127.0.0.1 until Ctrl+C. */
export async function runServeCli(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, port: { type: 'string' } },
  });
  const path = values.db ?? join(tmpdir(), 'contact-window', 'demo.db');
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path) || statSync(path).size === 0)
    io.stderr(
      'No organisation in this database yet: writing the demo organisation (sample data)…\n',
    );
  const accountsUrl = process.env['CW_ZOHO_ACCOUNTS_URL'];
  const retryBase = Number(process.env['CW_ZOHO_RETRY_BASE_MS']);
  // The sign-in lives in memory here: a web host has no OS keychain to keep it in.
  const core = await openWorkspace({
    demoPath: path,
    secrets: new MemorySecretStore(),
    // Browser tests that need the demo to hold still turn its live simulation off.
    demoLive: process.env['CW_DEMO_LIVE'] !== 'off',
    ...(accountsUrl ? { accountsUrlOverride: accountsUrl } : {}),
    ...(Number.isFinite(retryBase) && retryBase >= 0
      ? { retry: { ...DEFAULT_RETRY, baseDelayMs: retryBase, maxDelayMs: retryBase * 10 } }
      : {}),
  });
  const staticDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url));
  const host = await startWebHost({ core, staticDir, port: intOption(values.port, 'port', 0) });
  io.stdout(`Contact Window is served at ${host.openUrl}\n`);
  io.stderr(`Database: ${path}. Press Ctrl+C to stop.\n`);
  await new Promise<void>((ok) => {
    process.once('SIGINT', ok);
    process.once('SIGTERM', ok);
  });
  await host.close();
  await core.close();
  return 0;
}
