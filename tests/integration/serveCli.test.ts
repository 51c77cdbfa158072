import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServeCli } from '../../src/main/cli/serve';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { runCli } from '../fixtures/runCli';

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => dir.remove());

function captured(): {
  io: { stdout: (s: string) => void; stderr: (s: string) => void };
  err: () => string;
} {
  let err = '';
  return {
    io: { stdout: () => undefined, stderr: (s) => (err += s) },
    err: () => err,
  };
}

/** A folder that passes for the built pages. */
function pages(): string {
  const folder = dir.file('built-pages');
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${folder}/index.html`, '<!doctype html>');
  return folder;
}

describe('serve', () => {
  it('says the pages need a build, instead of serving "Not found." everywhere, and writes nothing', async () => {
    const db = dir.file('unbuilt.db');
    const out = captured();
    const code = await runServeCli(['--db', db], out.io, dir.file('no-build'));
    expect(code).toBe(1);
    expect(out.err()).toContain('No built renderer at');
    expect(out.err()).toContain('run "npm run build" first');
    expect(existsSync(db)).toBe(false);
  });

  it('says a port is in use instead of failing with EADDRINUSE', async () => {
    const db = dir.file('busy.db');
    expect(runCli(['demo', '--db', db, '--people', '30']).code).toBe(0);
    const pages = dir.file('pages');
    mkdirSync(pages, { recursive: true });
    writeFileSync(`${pages}/index.html`, '<!doctype html>');
    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    const port = (taken.address() as AddressInfo).port;
    try {
      const out = captured();
      expect(await runServeCli(['--db', db, '--port', String(port)], out.io, pages)).toBe(1);
      expect(out.err()).toContain(`Port ${port} on 127.0.0.1 is in use`);
      expect(out.err()).not.toContain('EADDRINUSE');
    } finally {
      taken.close();
    }
  });

  it('refuses a port past 65535 before it writes a demo', async () => {
    const db = dir.file('far-port/demo.db');
    const out = captured();
    await expect(runServeCli(['--db', db, '--port', '70000'], out.io, pages())).rejects.toThrow(
      '--port must be from 1 to 65535 (or 0 for a free one), got "70000"',
    );
    expect(existsSync(db)).toBe(false);
    const res = runCli(['serve', '--db', db, '--port', '70000']);
    expect([res.code, res.stderr]).toEqual([
      2,
      'serve: --port must be from 1 to 65535 (or 0 for a free one), got "70000"\nUsage: serve [--db FILE] [--port N] [--now ISO]\n',
    ]);
    expect(existsSync(db)).toBe(false);
  });

  it('leaves no demo behind when the port is in use', async () => {
    mkdirSync(dir.file('busy-new'));
    const db = dir.file('busy-new/demo.db');
    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    const port = (taken.address() as AddressInfo).port;
    try {
      const out = captured();
      expect(await runServeCli(['--db', db, '--port', String(port)], out.io, pages())).toBe(1);
      expect(out.err()).toBe(
        `Port ${port} on 127.0.0.1 is in use (another serve?): choose another with --port, or leave --port out for a free one.\n`,
      );
      // Asked before anything is written.
      expect(readdirSync(dir.file('busy-new'))).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('refuses an accounts server given in clear over the network, and writes nothing', async () => {
    const db = dir.file('clear-accounts.db');
    const pages = dir.file('pages-clear');
    mkdirSync(pages, { recursive: true });
    writeFileSync(`${pages}/index.html`, '<!doctype html>');
    process.env['CW_ZOHO_ACCOUNTS_URL'] = 'http://accounts.example.org';
    try {
      const out = captured();
      expect(await runServeCli(['--db', db], out.io, pages)).toBe(2);
      expect(out.err()).toBe(
        'serve: CW_ZOHO_ACCOUNTS_URL http://accounts.example.org is neither https nor a server on this computer (127.0.0.1, localhost, [::1])\nUsage: serve [--db FILE] [--port N] [--now ISO]\n',
      );
      expect(existsSync(db)).toBe(false);
    } finally {
      delete process.env['CW_ZOHO_ACCOUNTS_URL'];
    }
  });

  it('refuses a --db in a folder that does not exist as a mistake in the command line, exit 2, and makes neither', async () => {
    const folder = dir.file('no-such-folder');
    const db = `${folder}/demo.db`;
    const usage = 'Usage: serve [--db FILE] [--port N] [--now ISO]';
    const said = `serve: --db ${db}: the folder ${folder} does not exist (a new database file is written there, not the folder: create it first)\n${usage}\n`;
    const res = runCli(['serve', '--db', db]);
    expect([res.code, res.stderr]).toEqual([2, said]);
    expect(existsSync(folder)).toBe(false);
    // With the pages built and a port free, too: refused before the port is even asked about.
    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    const port = (taken.address() as AddressInfo).port;
    try {
      await expect(
        runServeCli(['--db', db, '--port', String(port)], captured().io, pages()),
      ).rejects.toThrow(`the folder ${folder} does not exist`);
    } finally {
      taken.close();
    }
    expect(existsSync(folder)).toBe(false);
    // A relative path is named where it would have landed; a folder as --db as plan names it.
    const nested = runCli(['serve', '--db', 'no-such-folder-either/demo.db']);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toMatch(/the folder \/.*no-such-folder-either does not exist/);
    const asFolder = runCli(['serve', '--db', dir.path]);
    expect([asFolder.code, asFolder.stderr]).toEqual([
      2,
      `serve: ${dir.path} is a folder: --db takes a database file\n${usage}\n`,
    ]);
  });

  it('writes the demo into a new --db file in a folder that exists, as the README promises', async () => {
    const db = dir.file('fresh.db');
    // A process of its own: serve runs until Ctrl+C.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { runServeCli } = await import('./src/main/cli/serve.ts');
         process.exitCode = await runServeCli(['--db', ${JSON.stringify(db)}],
           { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
           ${JSON.stringify(pages())});`,
      ],
      { cwd: new URL('../../', import.meta.url), env: { ...process.env, CW_DEMO_LIVE: 'off' } },
    );
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    await new Promise<void>((ok, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        if (c.toString().includes('served at')) ok();
      });
      void exited.then(() => fail(new Error(`serve stopped: ${err}`)));
    });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(err).toContain('No organisation in this database yet: writing the demo organisation');
    expect(statSync(db).size).toBeGreaterThan(0);
    expect(runCli(['stats', '--db', db]).code).toBe(0);
  }, 120_000);
});
