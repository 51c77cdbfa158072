import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
    const db = dir.file('unbuilt/demo.db');
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
      // Asked before anything is written: not even the folder.
      expect(existsSync(dir.file('busy-new'))).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('refuses an accounts server given in clear over the network, and writes nothing', async () => {
    const db = dir.file('clear-accounts/demo.db');
    const pages = dir.file('pages-clear');
    mkdirSync(pages, { recursive: true });
    writeFileSync(`${pages}/index.html`, '<!doctype html>');
    process.env['CW_ZOHO_ACCOUNTS_URL'] = 'http://accounts.example.org';
    try {
      const out = captured();
      expect(await runServeCli(['--db', db], out.io, pages)).toBe(2);
      expect(out.err()).toBe(
        'serve: CW_ZOHO_ACCOUNTS_URL http://accounts.example.org is neither https nor a server on this computer (127.0.0.1, localhost, [::1])\n',
      );
      expect(existsSync(db)).toBe(false);
    } finally {
      delete process.env['CW_ZOHO_ACCOUNTS_URL'];
    }
  });
});
