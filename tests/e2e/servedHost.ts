import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, APIResponse, Page, Route } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutputs } from '../../src/shared/contract';
import { TEST_NOW } from '../fixtures/tempDb';

export interface Served {
  /** The URL without the token. */
  url: string;
  /** The URL a person opens: with the per-run token. */
  openUrl: string;
}

export interface RunningHost {
  served: Served;
  /** Stops the host as Ctrl+C does and resolves once it has closed its database. */
  stop(): Promise<void>;
}

/** The instant every browser test runs at, in the page and in the core: Monday 10:00 in Berlin. */
export const E2E_NOW = TEST_NOW;
/**
 * When the shared demo database is written: half an hour before the tests' instant, so the
 * windows it learned are fresh at E2E_NOW and no host relearns them when it starts.
 */
export const DEMO_WRITTEN_AT = E2E_NOW - 30 * 60_000;

const root = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The command-line tool bundled once per run (globalSetup): a host then starts in under a second
 * instead of the five tsx takes to load the sources. Three folders deep, like
 * src/main/cli/serve.ts, so that its `../../../out/renderer` still finds the built renderer.
 */
export const CLI_BUNDLE = `${root}out/e2e/cli/cli.mjs`;
/** Set by globalSetup: the demo database every test copies. */
export const PREBUILT_ENV = 'CW_E2E_PREBUILT_DB';

/**
 * Starts `cli serve --db FILE --now ISO`, as `npm run web` does, and reads the URL it prints.
 * `env` adds variables (e.g. CW_ZOHO_ACCOUNTS_URL, pointing at a CRM test server).
 */
export async function startHost(
  db: string,
  now: number,
  env: Record<string, string> = {},
): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    [CLI_BUNDLE, 'serve', '--db', db, '--now', new Date(now).toISOString()],
    {
      cwd: root,
      // The demo's live simulation would move rows under a test's feet.
      env: { ...process.env, CW_DEMO_LIVE: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  let errors = '';
  child.stderr.on('data', (c: Buffer) => (errors += c.toString()));
  const openUrl = await new Promise<string>((ok, fail) => {
    // A deadline, not a wait: globalSetup has no test timeout to end a host that hangs.
    const deadline = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`web host did not start within 60 s: ${errors}`));
    }, 60_000);
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /served at (\S+)/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(deadline);
      ok(match[1]);
    });
    void exited.then(() => {
      clearTimeout(deadline);
      fail(new Error(`web host exited before serving: ${errors}`));
    });
  });
  return {
    served: { openUrl, url: openUrl.replace(/\?token=.*$/, '') },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
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

/**
 * The core's answer to a routed call, or null once the host has stopped. The host stops before
 * the page closes when a test ends, so a call the page made on its own then (a poll, a refresh)
 * meets no server: it is aborted, not reported as the test's failure.
 */
export async function fetchOrAbort(route: Route): Promise<APIResponse | null> {
  try {
    return await route.fetch();
  } catch {
    await route.abort().catch(() => undefined);
    return null;
  }
}

/** Passes the page's calls of `method` to the core, handing each answer's value to `edit` first. */
export async function editAnswers<M extends MethodName>(
  page: Page,
  method: M,
  edit: (value: MethodOutputs[M]) => void | Promise<void>,
): Promise<void> {
  await page.route(`**/api/call/${method}`, async (route) => {
    const response = await fetchOrAbort(route);
    if (!response) return;
    const body = (await response.json()) as { ok: boolean; value?: MethodOutputs[M] };
    if (body.value !== undefined) await edit(body.value);
    await route.fulfill({ response, json: body });
  });
}
