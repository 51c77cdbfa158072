import {
  CrmAuthError,
  DeletionsUnavailableError,
  ReadForbiddenError,
  type CrmSource,
  type TranscriptsPage,
} from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import {
  anyTranscripts,
  deletedForbiddenAt,
  forgetTranscriptPersonBack,
  isRefused,
  keepTranscripts,
  markRefused,
  removeTranscripts,
  setDeletedForbiddenAt,
  setTranscriptsDeletedRead,
  setTranscriptsReadTo,
  transcriptPeopleBack,
  transcriptPeopleGone,
  transcriptsDeletedRead,
  transcriptsReadTo,
  TRANSCRIPTS_DELETED_REFUSED,
  TRANSCRIPTS_FILES_REFUSED,
} from '../db/repos/chatTranscripts';
import { personModule } from '../db/repos/people';
import type { ChatTranscriptsTable } from '../db/schema';
import { transaction } from '../db/sqlRun';
import { anchorBefore, nextCursor, type PullCursor } from './syncState';
import { planFilesReread, rereadTranscriptFiles } from './transcriptFilesReread';

// Pages of notes one run reads at most (200 notes each): an organisation's first read of years of
// notes is spread over runs instead of holding one up; the next run goes on from the newest read.
const PAGES_A_RUN = 25;
// People stored again whose notes one run reads at most (a request or more each).
const RETURNS_A_RUN = 50;
// The deleted notes refused for a missing scope or profile right are asked for again this much
// later, silently: an administrator may widen the profile without the rep doing anything. A new
// sign-in asks again at once (signInAnswers.ts).
const FORBIDDEN_ASKED_AGAIN_MS = 7 * 86_400_000;

/**
 * Reads the chat transcripts the CRM keeps as notes on leads and contacts (VT-5), those changed
 * since the last read, and keeps them here for the person page, which pairs each with its chat.
 * Optional, as the plan marks are: a failure is a note in plain words, what was kept stays, and
 * the next sync reads again from where this one stopped. Refused credentials and a stop end the
 * run as everywhere.
 */
export async function readTranscripts(
  db: Db,
  source: CrmSource,
  now: () => number,
  signal?: AbortSignal,
): Promise<{ notes: string[] }> {
  const out = { notes: [] as string[] };
  if (!source.pullTranscripts) return out;
  planFilesReread(db);
  const readTo = transcriptsReadTo(db);
  let cursor: PullCursor | null = {
    anchor: readTo === null ? null : anchorBefore(readTo),
    position: null,
    maxSeen: readTo,
  };
  let newest = readTo;
  const gone = new Set(transcriptPeopleGone(db));
  for (let pages = 0; cursor && pages < PAGES_A_RUN; pages++) {
    let page;
    try {
      page = await source.pullTranscripts({
        since: cursor.anchor,
        position: cursor.position,
        ...withoutFiles(db),
        ...(signal ? { signal } : {}),
      });
      filesRefusedBy(db, page);
    } catch (error) {
      if (error instanceof CrmAuthError || signal?.aborted) throw error;
      out.notes.push(
        `Chat transcripts were not read from Zoho this time (${(error as Error).message}); everything else synced, the transcripts read before are kept, and the next sync reads them again`,
      );
      return out;
    }
    for (const r of page.records) if (r.modifiedAt > (newest ?? 0)) newest = r.modifiedAt;
    // A note whose person is not stored yet is kept for them (a note may come before its person);
    // one whose person went, with their transcripts, since (the last second of the read before is
    // read again) stays gone: it comes back with them if they do.
    keepTranscripts(
      db,
      rowsOf(page).filter(
        (r) => !(gone.has(r.person_id) && personModule(db, r.person_id) === undefined),
      ),
    );
    // Moved only once the page's transcripts are kept: a run stopped here reads it again.
    if (newest !== null) setTranscriptsReadTo(db, newest);
    cursor = nextCursor(cursor, page.records, page.next, newest);
  }
  await rereadTranscriptFiles(db, source, out, signal);
  await readReturned(db, source, out, signal);
  await removeDeleted(db, source, out, now(), signal);
  return out;
}

const withoutFiles = (db: Db): { withoutFiles?: true } =>
  isRefused(db, TRANSCRIPTS_FILES_REFUSED) ? { withoutFiles: true } : {};

function filesRefusedBy(db: Db, page: TranscriptsPage): void {
  if (page.filesRefused) markRefused(db, TRANSCRIPTS_FILES_REFUSED);
}

function rowsOf(page: TranscriptsPage): ChatTranscriptsTable[] {
  return page.records.flatMap((r) =>
    r.transcript
      ? [
          {
            id: r.id,
            person_id: r.transcript.personId,
            written_at: r.transcript.writtenAt,
            modified_at: r.modifiedAt,
            title: r.transcript.title,
            text: r.transcript.text,
            files: r.transcript.files.length > 0 ? JSON.stringify(r.transcript.files) : null,
          },
        ]
      : [],
  );
}

/**
 * Reads again the notes of the people stored again whose transcripts went with them (deleted or
 * no longer shown, then shown again): the notes listing brings a note again only once edited.
 */
async function readReturned(
  db: Db,
  source: CrmSource,
  out: { notes: string[] },
  signal?: AbortSignal,
): Promise<void> {
  if (!source.pullPersonTranscripts) return;
  for (const id of transcriptPeopleBack(db).slice(0, RETURNS_A_RUN)) {
    const module = personModule(db, id);
    const rows: ChatTranscriptsTable[] = [];
    let position: string | null = null;
    // A person gone again has nothing to read: only the list is left to tidy.
    for (let pages = 0; module !== undefined && pages < PAGES_A_RUN; pages++) {
      let page: TranscriptsPage;
      try {
        page = await source.pullPersonTranscripts(
          { id, module },
          { since: null, position, ...withoutFiles(db), ...(signal ? { signal } : {}) },
        );
        filesRefusedBy(db, page);
      } catch (error) {
        if (error instanceof CrmAuthError || signal?.aborted) throw error;
        out.notes.push(
          `Chat transcripts were not read from Zoho this time (${(error as Error).message}); everything else synced, the transcripts read before are kept, and the next sync reads them again`,
        );
        return;
      }
      rows.push(...rowsOf(page).filter((r) => r.person_id === id));
      position = page.next;
      if (position === null) break;
    }
    transaction(db, () => {
      keepTranscripts(db, rows);
      forgetTranscriptPersonBack(db, id);
    });
  }
}

/**
 * Removes the transcripts of notes deleted in the CRM since the last look (read after the notes,
 * in the same optional step). The place in the listing is kept with each page, so a listing
 * longer than a run's pages goes on in the next run, whichever order the CRM lists it in.
 */
async function removeDeleted(
  db: Db,
  source: CrmSource,
  out: { notes: string[] },
  now: number,
  signal?: AbortSignal,
): Promise<void> {
  // Refused once (Zoho documents no deleted list for Notes): a deleted note's transcript goes
  // only with its person from then on.
  if (!source.pullDeletedTranscripts || isRefused(db, TRANSCRIPTS_DELETED_REFUSED)) return;
  const forbiddenAt = deletedForbiddenAt(db);
  if (forbiddenAt !== null && forbiddenAt <= now && now - forbiddenAt < FORBIDDEN_ASKED_AGAIN_MS)
    return;
  let read = transcriptsDeletedRead(db);
  if (read.since === null && read.page === 1 && !anyTranscripts(db)) {
    // Nothing kept, nothing to remove: the deletions that matter are those after the newest
    // note read, whose transcripts are read from then on.
    const readTo = transcriptsReadTo(db);
    if (readTo !== null) setTranscriptsDeletedRead(db, { since: readTo, page: 1, newest: null });
    return;
  }
  for (let pages = 0; pages < PAGES_A_RUN; pages++) {
    let page;
    try {
      page = await source.pullDeletedTranscripts({
        since: read.since === null ? null : anchorBefore(read.since),
        position: read.page > 1 ? JSON.stringify({ page: read.page }) : null,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof CrmAuthError || signal?.aborted) throw error;
      if (error instanceof DeletionsUnavailableError) {
        markRefused(db, TRANSCRIPTS_DELETED_REFUSED);
        return;
      }
      if (error instanceof ReadForbiddenError) {
        // Said once: the same refusal a week on is not news; after a new sign-in it is.
        if (forbiddenAt === null)
          out.notes.push(
            `Chat transcripts deleted in Zoho are not looked for (${error.message}); everything else synced. A transcript whose note is deleted in Zoho stays here until its person goes; the app asks again once a week, and at once after Connect again in Settings › CRM account`,
          );
        setDeletedForbiddenAt(db, now);
        return;
      }
      out.notes.push(
        `Chat transcripts deleted in Zoho were not looked for this time (${(error as Error).message}); everything else synced, and the next sync looks again`,
      );
      return;
    }
    let newest = read.newest;
    for (const d of page.deleted) if (d.deletedAt > (newest ?? 0)) newest = d.deletedAt;
    const ids = page.deleted.map((d) => d.id);
    // Once the listing is over, the next asks only after it: after its newest deletion, and
    // after the newest note read (made before this listing began), as nothing can be deleted
    // before it was listed and stored here.
    const next: typeof read =
      page.next === null
        ? {
            since: Math.max(newest ?? 0, read.since ?? 0, transcriptsReadTo(db) ?? 0) || null,
            page: 1,
            newest: null,
          }
        : { since: read.since, page: read.page + 1, newest };
    transaction(db, () => {
      removeTranscripts(db, ids);
      setTranscriptsDeletedRead(db, next);
      if (forbiddenAt !== null) setDeletedForbiddenAt(db, null);
    });
    read = next;
    if (page.next === null) return;
  }
}
