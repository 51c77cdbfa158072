import { CrmAuthError, CrmOutageError, type SyncModule } from '../crm/crmSource';
import { isDamagedDatabaseError } from '../db/databaseErrors';
import { excerpt } from '../../shared/excerpt';

/**
 * Errors raised here rather than by the CRM: the caller's progress listener (a test's kill, a
 * window gone), the WAL checkpoints after a page. They end the run whichever module met them.
 */
export class LocalFaults {
  private readonly seen = new WeakSet<object>();

  /** Runs `work`, remembering what it throws as this computer's, not the CRM's. */
  mark<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      this.remember(error);
      throw error;
    }
  }

  async markAsync<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.remember(error);
      throw error;
    }
  }

  has(error: unknown): boolean {
    return typeof error === 'object' && error !== null && this.seen.has(error);
  }

  private remember(error: unknown): void {
    if (typeof error === 'object' && error !== null) this.seen.add(error);
  }
}

/**
 * SQLite's errors (damaged, full, locked, read-only) carry such a code, and so do the system's
 * (a disk, or a network error that escaped the client's retries): none is one module's.
 */
export function isLocalStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(SQLITE_|E[A-Z]+$)/.test(code);
}

/**
 * Whether a module's read failed for a reason of its own (the CRM's answer for it after the
 * client's retries, a page that cannot be read): the other modules go on and the run ends with
 * a note. Not so for what every module would meet (refused credentials, the CRM out of reach, the
 * run stopped) nor for this computer's faults (its database, the caller): those end the run.
 */
export function isModuleFault(
  error: unknown,
  stopped: AbortSignal | undefined,
  local: LocalFaults,
): boolean {
  if (stopped?.aborted) return false;
  if (error instanceof CrmAuthError || error instanceof CrmOutageError) return false;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return false;
  return !local.has(error) && !isLocalStorageError(error);
}

/** Why the module could not be read, in the CRM's words, short enough for a line of Settings. */
export function faultReason(error: unknown): string {
  return excerpt(error instanceof Error ? error.message : String(error), 300);
}

/** The summary's note for a module that could not be read this run. */
export function moduleFaultNote(module: SyncModule, reason: string): string {
  return `${module} could not be read this time (${reason}); the other modules synced, what was stored of ${module} before is kept, and the next sync reads it again from where it stopped`;
}

/**
 * The run's optional steps: what they leave undone waits here for the next sync, and none of them
 * is needed for what the others stored to be right. The modules' records are not among them.
 */
export type OptionalStep =
  | 'alertsSwitch'
  | 'emails'
  | 'userAgents'
  | 'quarantine'
  | 'outbox'
  | 'planMarks'
  | 'visibility'
  | 'transcripts'
  | 'visitors';

/**
 * Whether an error ends only the optional step that met it (a bug in mapping a record, a SQLite
 * error in the step's own transaction: the run goes on with a note), or the whole run: refused
 * credentials and a stop end it as they end every module, and so do the caller's listener (a
 * kill, a window gone) and a damaged file, which Settings must tell as what it is.
 */
export function endsOnlyTheStep(
  error: unknown,
  stopped: AbortSignal | undefined,
  local: LocalFaults,
): boolean {
  if (stopped?.aborted) return false;
  if (error instanceof CrmAuthError) return false;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return false;
  return !local.has(error) && !isDamagedDatabaseError(error);
}

const STEP_NOTES: Record<OptionalStep, (reason: string) => string> = {
  alertsSwitch: (reason) =>
    `The switch for visit alerts was not sent to the CRM this time: something went wrong on this computer (${reason}). Everything else synced; the switch stays in force on this computer and the next sync sends it`,
  emails: (reason) =>
    `Emails were not read this time: something went wrong on this computer (${reason}). Everything else synced, the emails stored before are kept, and the next sync reads them again`,
  userAgents: (reason) =>
    `Browser details no website visit uses any more were not cleared this time: something went wrong on this computer (${reason}). Everything else synced, and the next sync clears them`,
  quarantine: (reason) =>
    `Records that arrived before their lead or contact were not stored this time: something went wrong on this computer (${reason}). Everything else synced, and they wait here for the next sync`,
  outbox: (reason) =>
    `Logged calls were not sent to the CRM this time: something went wrong on this computer (${reason}). Everything else synced; the calls stay here and the next sync sends them`,
  planMarks: (reason) =>
    `Plan marks were not all shared with the team this time: something went wrong on this computer (${reason}). Everything else synced; marks not shared yet stay here and the next sync shares them`,
  visibility: (reason) =>
    `Whether Zoho still shows you every record stored here was not checked this time: something went wrong on this computer (${reason}). Everything else synced, and the next sync checks`,
  visitors: (reason) =>
    `Leads and contacts Zoho names on new website visits were not all read at once this time (${reason}). The visits are stored, and those people arrive with the next sync`,
  transcripts: (reason) =>
    `Chat transcripts were not all kept this time: something went wrong on this computer (${reason}). Everything else synced, the transcripts kept before stay, and the next sync reads the rest again`,
};

/** The summary's note for an optional step that ended on a fault of this computer's. */
export function stepFaultNote(step: OptionalStep, error: unknown): string {
  return STEP_NOTES[step](faultReason(error));
}
