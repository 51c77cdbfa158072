/**
 * Where the CRM sign-in (client secret and refresh token) lives. Never the database, the logs
 * or the renderer: the desktop app keeps it encrypted by the OS keychain (Electron's
 * safeStorage, in the main process); the web host and tests keep it in memory.
 */
export interface SecretStore {
  read(): Promise<string | null>;
  /** Stores the value; says whether it will survive a restart (false without a keychain). */
  write(value: string): Promise<{ persistent: boolean }>;
  clear(): Promise<void>;
  /** Whether a stored value survives a restart. */
  persistent(): Promise<boolean>;
}

/** Forgotten when the process ends: the web host's and the tests' store. */
export class MemorySecretStore implements SecretStore {
  private value: string | null = null;

  read(): Promise<string | null> {
    return Promise.resolve(this.value);
  }

  write(value: string): Promise<{ persistent: boolean }> {
    this.value = value;
    return Promise.resolve({ persistent: false });
  }

  clear(): Promise<void> {
    this.value = null;
    return Promise.resolve();
  }

  persistent(): Promise<boolean> {
    return Promise.resolve(false);
  }
}
