import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from '@playwright/test';
import { build } from 'esbuild';
import { CLI_BUNDLE, DEMO_WRITTEN_AT, PREBUILT_ENV, callApi, startHost } from './servedHost';

/**
 * Once per run: bundles the command-line tool, then writes the demo database every test starts
 * from, by serving an empty file as a user would (the host writes the demo organisation and
 * learns its windows) and switching Reminders off. Each test copies the file for its own host,
 * so no test sees another's edits and none has to undo its own.
 */
export default async function globalSetup(): Promise<() => void> {
  await build({
    entryPoints: ['src/main/cli/cli.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    outfile: CLI_BUNDLE,
  });
  const dir = mkdtempSync(join(tmpdir(), 'cw-e2e-prebuilt-'));
  const file = join(dir, 'demo.db');
  const host = await startHost(file, DEMO_WRITTEN_AT);
  try {
    // Reminders pop up five minutes before windows open, over the rows tests click: only the
    // reminder test turns them on, in its own copy.
    const api = await request.newContext();
    await callApi(api, host.served, 'updateSettings', { reminders: false });
    await api.dispose();
  } finally {
    await host.stop();
  }
  process.env[PREBUILT_ENV] = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
