import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SecretReply, ToWorker } from '../../../src/main/core/coreWorkerProtocol';
import { WorkerSecretStore } from '../../../src/main/core/workerSecretStore';

// The Electron boundary: safeStorage stands in as a keychain whose cipher is a byte flip.
const keychain = { available: true, backend: 'gnome_libsecret' };
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keychain.available,
    getSelectedStorageBackend: () => keychain.backend,
    encryptString: (s: string) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x5a)),
    decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString(),
  },
}));
const { SecretVault } = await import('../../../src/main/electron/secretVault');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-vault-'));
  keychain.available = true;
  keychain.backend = 'gnome_libsecret';
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The worker's store talking over a real message port to the main process's vault. */
function connected(vault: InstanceType<typeof SecretVault>): WorkerSecretStore {
  const { port1: worker, port2: main } = new MessageChannel();
  main.on('message', (m: { type: string; id: number; op: 'read'; value?: string }) => {
    const reply: SecretReply = vault.handle(m.op, m.value);
    main.postMessage({ type: 'secret-reply', id: m.id, reply } satisfies ToWorker);
  });
  worker.unref();
  main.unref();
  return new WorkerSecretStore(worker);
}

describe('the CRM sign-in kept by the OS keychain', () => {
  it('stores only ciphertext on disk and reads it back after a restart', async () => {
    const file = join(dir, 'sign-in.bin');
    const store = connected(new SecretVault(file));
    expect(await store.write('{"refreshToken":"1000.abc"}')).toEqual({ persistent: true });
    expect(readFileSync(file).toString('latin1')).not.toContain('1000.abc');
    const afterRestart = connected(new SecretVault(file));
    expect(await afterRestart.read()).toBe('{"refreshToken":"1000.abc"}');
    await afterRestart.clear();
    expect(existsSync(file)).toBe(false);
    expect(await afterRestart.read()).toBeNull();
  });

  it('keeps the sign-in in memory only, and says so, where there is no real keychain', async () => {
    keychain.backend = 'basic_text';
    const file = join(dir, 'sign-in.bin');
    const store = connected(new SecretVault(file));
    expect(await store.persistent()).toBe(false);
    expect(await store.write('token')).toEqual({ persistent: false });
    expect(existsSync(file)).toBe(false);
    expect(await store.read()).toBe('token');
    expect(await connected(new SecretVault(file)).read()).toBeNull();
  });

  it('never resumes an earlier sign-in after a later one was kept in memory only', async () => {
    const file = join(dir, 'sign-in.bin');
    const store = connected(new SecretVault(file));
    expect(await store.write('org A')).toEqual({ persistent: true });
    // The keychain goes away (Linux falls back to basic_text) and another organisation signs in.
    keychain.backend = 'basic_text';
    expect(await store.write('org B')).toEqual({ persistent: false });
    expect(await store.read()).toBe('org B');
    // The keychain is back at the next start: org A's credentials must not open org B's data.
    keychain.backend = 'gnome_libsecret';
    expect(await store.read()).toBe('org B');
    expect(await connected(new SecretVault(file)).read()).toBeNull();
    // And the other way round: a sign-in kept again in the file is the one read, not the memory.
    expect(await store.write('org C')).toEqual({ persistent: true });
    expect(await store.read()).toBe('org C');
  });

  it('refuses a sign-in it cannot keep apart from an earlier one whose file stays', async () => {
    // A folder where the file was: the earlier sign-in cannot be removed (root ignores chmod).
    const file = join(dir, 'sign-in.bin');
    mkdirSync(file);
    writeFileSync(join(file, 'keep'), 'x');
    keychain.backend = 'basic_text';
    const store = connected(new SecretVault(file));
    await expect(store.write('org B')).rejects.toThrow(/earlier sign-in.*could not be removed/);
    expect(await store.read()).toBeNull();
  });

  it('passes a keychain failure on as a message instead of hanging the core', async () => {
    const file = join(dir, 'missing', 'sign-in.bin');
    await expect(connected(new SecretVault(file)).write('x')).rejects.toThrow(/keychain refused/);
  });
});
