import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { SecretOp, SecretReply } from '../core/coreWorkerProtocol';

/**
 * The main-process half of the secret store: the core worker cannot reach safeStorage, so it
 * asks here. The value is encrypted with the OS keychain's key and written to one file; where
 * no real keychain exists (Linux without a secret service falls back to a fixed key), the value
 * stays in memory and the user is told the sign-in will not survive a restart.
 */
export class SecretVault {
  private memory: string | null = null;

  constructor(private readonly file: string) {}

  private keychain(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  }

  handle(op: SecretOp, value: string | undefined): SecretReply {
    try {
      if (op === 'persistent') return { ok: true, persistent: this.keychain() };
      if (op === 'clear') {
        this.memory = null;
        rmSync(this.file, { force: true });
        return { ok: true };
      }
      if (op === 'write') {
        if (value === undefined) throw new Error('nothing to store');
        if (!this.keychain()) {
          // An earlier sign-in's file would be read at the next start with the keychain back,
          // and open this sign-in's organisation with another's credentials.
          try {
            rmSync(this.file, { force: true });
          } catch (error) {
            return {
              ok: false,
              error: `This sign-in cannot be kept: the earlier sign-in at ${this.file} could not be removed (${(error as Error).message}). Remove that file, then sign in again.`,
            };
          }
          this.memory = value;
          return { ok: true, persistent: false };
        }
        // Written aside and renamed, so a crash mid-write never leaves half a sign-in behind.
        writeFileSync(`${this.file}.tmp`, safeStorage.encryptString(value), { mode: 0o600 });
        renameSync(`${this.file}.tmp`, this.file);
        // A sign-in held in memory before is older than this one, and reads would prefer it.
        this.memory = null;
        return { ok: true, persistent: true };
      }
      if (this.memory !== null) return { ok: true, value: this.memory };
      if (!existsSync(this.file) || !this.keychain()) return { ok: true, value: null };
      return { ok: true, value: safeStorage.decryptString(readFileSync(this.file)) };
    } catch (error) {
      return { ok: false, error: `The keychain refused: ${(error as Error).message}` };
    }
  }
}
