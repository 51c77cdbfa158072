import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, request, type APIRequestContext } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutputs } from '../../src/shared/contract';

export interface Served {
  /** The URL without the token. */
  url: string;
  /** The URL a person opens: with the per-run token. */
  openUrl: string;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts `cli serve` on a fresh demo database, as `npm run web` does, and reads the URL it
 * prints. `env` adds variables (e.g. CW_ZOHO_ACCOUNTS_URL, pointing at a CRM test server).
 */
export async function serve(
  env: Record<string, string> = {},
  demoPeople?: number,
): Promise<{ served: Served; child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cw-e2e-'));
  // A larger demo than the host writes by itself, written first as `npm run cli -- demo` does.
  if (demoPeople !== undefined) {
    const demo = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/main/cli/cli.ts',
        'demo',
        '--db',
        join(dir, 'demo.db'),
        '--people',
        String(demoPeople),
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (demo.status !== 0) throw new Error(`demo did not write: ${demo.stderr}`);
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/cli/cli.ts', 'serve', '--db', join(dir, 'demo.db')],
    {
      cwd: root,
      // The demo's live simulation would move rows under a test's feet; one test turns it on.
      env: { ...process.env, CW_DEMO_LIVE: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let errors = '';
  child.stderr?.on('data', (c: Buffer) => (errors += c.toString()));
  const openUrl = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`web host did not start: ${errors}`)), 60_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /served at (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        ok(match[1]);
      }
    });
    child.once('exit', (code) => fail(new Error(`web host exited with ${code}: ${errors}`)));
  });
  return { served: { openUrl, url: openUrl.replace(/\?token=.*$/, '') }, child, dir };
}

/** Calls the core through the web host as the page does, with the run's token; throws on an error. */
export async function callApi<M extends MethodName>(
  request: APIRequestContext,
  served: Served,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutputs[M]> {
  const token = new URL(served.openUrl).searchParams.get('token') ?? '';
  const response = await request.post(`${served.url}api/call/${method}`, {
    headers: { Authorization: `Bearer ${token}` },
    data: input,
  });
  const result = (await response.json()) as
    { ok: true; value: MethodOutputs[M] } | { ok: false; error: string };
  if (!result.ok) throw new Error(`${method}: ${result.error}`);
  return result.value;
}

export const test = base.extend<object, { served: Served }>({
  served: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { served, child, dir } = await serve();
      // Reminders pop up five minutes before windows open, at whatever hour the suite runs, over
      // the rows other tests click: only the reminder test turns them on, and off again.
      const api = await request.newContext();
      await callApi(api, served, 'updateSettings', { reminders: false });
      await api.dispose();
      await use(served);
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
