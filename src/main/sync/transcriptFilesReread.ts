import { CrmAuthError, type CrmSource } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import {
  isRefused,
  markRefused,
  nameTranscriptFiles,
  TRANSCRIPTS_FILES_REFUSED,
  unnamedFilesSpan,
} from '../db/repos/chatTranscripts';
import { putSetting, settingValue } from '../db/repos/settings';
import { anchorBefore, nextCursor, type PullCursor } from './syncState';

/**
 * Transcripts read before the sync asked for their notes' files ($attachments, stop 44) name no
 * file, and a note is listed again only once edited: one kept as a file on its note would read
 * "transcript from the CRM" with next to nothing in it for good. So, once after the upgrade, the
 * notes whose times span those transcripts are listed again and their files named. A one-time
 * flag, not a migration: it needs the CRM, and a setting says where it stands between runs.
 *
 * Setting: 'done', or where the listing stands ({anchor, position, maxSeen} as a module's pull,
 * and `to`: the latest time to reach). Absent: not looked at yet, so the transcripts kept are all
 * of the version before.
 */
const KEY = 'chat_transcripts_files_reread';
const DONE = 'done';
/**
 * Pages of 200 notes read again in one run at most: next to the 25 of the notes' own read, so the
 * records run that carries it stays within its deadline and adds little to its credits; a long
 * history is read again over the next runs.
 */
const PAGES_A_RUN = 5;

interface Reread extends PullCursor {
  to: number;
}

function stored(db: Db): Reread | typeof DONE | null {
  const value = settingValue(db, KEY);
  if (value === undefined) return null;
  if (value === DONE) return DONE;
  try {
    const r = JSON.parse(value) as Partial<Reread>;
    const num = (n: unknown): number | null =>
      typeof n === 'number' && Number.isFinite(n) ? n : null;
    const to = num(r.to);
    if (to === null) return DONE;
    return {
      anchor: num(r.anchor),
      position: typeof r.position === 'string' ? r.position : null,
      maxSeen: num(r.maxSeen),
      to,
    };
  } catch {
    return DONE; // Damaged: the names stay as they are, as before this step.
  }
}

/**
 * Decides, at the first sync of this version, what is to be read again: the span of the
 * transcripts kept naming no file (none when Zoho refuses the files' names). Before the notes'
 * own read, which would add transcripts that name none because they have none.
 */
export function planFilesReread(db: Db): void {
  if (stored(db) !== null) return;
  const span = isRefused(db, TRANSCRIPTS_FILES_REFUSED) ? null : unnamedFilesSpan(db);
  putSetting(
    db,
    KEY,
    span
      ? JSON.stringify({
          anchor: anchorBefore(span.from),
          position: null,
          maxSeen: null,
          to: span.to,
        })
      : DONE,
  );
}

/**
 * Reads on where the last run stopped, and names the files of the transcripts kept. Optional as
 * the rest of the transcripts' step: a failure is a note, and the next run goes on from there.
 */
export async function rereadTranscriptFiles(
  db: Db,
  source: CrmSource,
  out: { notes: string[] },
  signal?: AbortSignal,
): Promise<void> {
  const from = stored(db);
  if (!source.pullTranscripts || from === null || from === DONE) return;
  let at: Reread | typeof DONE = from;
  for (let pages = 0; at !== DONE && pages < PAGES_A_RUN; pages++) {
    if (isRefused(db, TRANSCRIPTS_FILES_REFUSED)) at = DONE;
    else {
      let page;
      try {
        page = await source.pullTranscripts({
          since: at.anchor,
          position: at.position,
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (error instanceof CrmAuthError || signal?.aborted) throw error;
        out.notes.push(
          `The files of chat transcripts read before were not looked up this time (${(error as Error).message}); everything else synced, and the next sync goes on`,
        );
        return;
      }
      if (page.filesRefused) markRefused(db, TRANSCRIPTS_FILES_REFUSED);
      nameTranscriptFiles(
        db,
        page.records.flatMap((r) =>
          r.transcript && r.transcript.files.length > 0
            ? [{ id: r.id, modified_at: r.modifiedAt, files: JSON.stringify(r.transcript.files) }]
            : [],
        ),
      );
      const last = page.records.at(-1)?.modifiedAt ?? 0;
      const next: PullCursor | null = last > at.to ? null : nextCursor(at, page.records, page.next, null);
      at = next ? { ...next, to: at.to } : DONE;
    }
    putSetting(db, KEY, at === DONE ? DONE : JSON.stringify(at));
  }
}
