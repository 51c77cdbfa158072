// The types the sync's pulls share (the module listing, the bulk export, the related lists, the
// head start), apart from any of them so that none imports another for its types.
import type { CrmSource, CrmTrouble, SyncModule } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import type { LocalStore } from './localStore';

export interface ModuleCounts {
  upserted: number;
  deleted: number;
  quarantined: number;
}

export interface SyncProgress {
  /** plan: a first sync's head start, the signed-in rep's own records read first (headStart.ts). */
  module: SyncModule | 'Emails' | 'organisation' | 'outbox' | 'quarantine' | 'plan';
  /**
   * started: its reads begin (modules run side by side, each once what it points at is read);
   * skipped: the organisation lacks the module (or refused it this run); nothing is synced.
   * failed: the CRM failed to give it this run (`reason`); the other modules went on, and what
   * it stored is kept.
   */
  phase: 'started' | 'records' | 'deletions' | 'done' | 'skipped' | 'failed';
  page: number;
  /**
   * The pull's counts, each record once: a pull resumed after a crash or a failed run goes on
   * from what the runs before stored.
   */
  counts: ModuleCounts;
  /** Of `counts`, the records (stored or quarantined) earlier runs of this pull counted. */
  carried?: number;
  /** Records a head start stored that their module's listing has not counted yet (when any). */
  storedAhead?: number;
  /** Why the module failed (phase `failed`), in the CRM's words. */
  reason?: string;
  /** Which trouble kept the CRM from giving it (phase `failed`), when it was one: the app's words. */
  trouble?: CrmTrouble;
  /**
   * Why a module was skipped (phase `skipped`): forbidden, the signed-in user may not read it;
   * refused, Zoho refused it this run. Absent: the organisation lacks it.
   */
  skippedAs?: 'forbidden' | 'refused';
  /** What the page is: a lead-conversions page (phase `deletions`), one person's list read. */
  step?: 'conversions' | 'person';
}

export interface PullContext {
  db: Db;
  store: LocalStore;
  source: CrmSource;
  now: () => number;
  /** Called after every committed page; a throw aborts the sync (the page stays committed). */
  onProgress: (progress: SyncProgress) => void;
  signal: AbortSignal | undefined;
  /** Called after each committed page, outside its transaction. */
  afterCommit: () => Promise<void>;
  /**
   * Awaited before each page's transaction (instead of a plain turn of the event loop): gives it a
   * turn of its own, and holds writes while the WAL is copied back.
   */
  commitGate?: () => Promise<void>;
  /** A large module's first sync may come from the CRM's bulk export (bulkPull.ts). */
  bulk?: BulkContext;
}

export interface BulkReadPolicy {
  /** A module's first sync exports it in bulk when it holds more records than this. */
  aboveRecords: number;
  /** Between two looks at an export job's state. */
  pollIntervalMs: number;
  /**
   * How long one job is waited for (its polls' intervals added up) before the module is read page
   * by page instead: every look costs a credit, and a job Zoho never finishes must not take them
   * until the run's deadline.
   */
  maxWaitMs: number;
  /** Records of the file stored in one transaction (with the cursor). */
  pageSize: number;
}

/** What a module's bulk export did this run: `fellBack` says why it was read page by page. */
export interface BulkOutcome {
  jobs: number;
  records: number;
  fellBack: string | null;
}

/** What the sync hands the pull of each module about bulk export. */
interface BulkContext {
  policy: BulkReadPolicy;
  /** Records per module as counted before the run (the first-sync estimate); absent: ask. */
  counts: Partial<Record<SyncModule, number | null>>;
  outcomes: Partial<Record<SyncModule, BulkOutcome>>;
  note: (text: string) => void;
}
