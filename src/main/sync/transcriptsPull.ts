import { CrmAuthError, type CrmSource } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import {
  keepTranscripts,
  setTranscriptsReadTo,
  transcriptsReadTo,
} from '../db/repos/chatTranscripts';
import type { ChatTranscriptsTable } from '../db/schema';
import { anchorBefore, nextCursor, type PullCursor } from './syncState';

// Pages of notes one run reads at most (200 notes each): an organisation's first read of years of
// notes is spread over runs instead of holding one up; the next run goes on from the newest read.
const PAGES_A_RUN = 25;

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
  signal?: AbortSignal,
): Promise<{ notes: string[] }> {
  const out = { notes: [] as string[] };
  if (!source.pullTranscripts) return out;
  const readTo = transcriptsReadTo(db);
  let cursor: PullCursor | null = {
    anchor: readTo === null ? null : anchorBefore(readTo),
    position: null,
    maxSeen: readTo,
  };
  let newest = readTo;
  for (let pages = 0; cursor && pages < PAGES_A_RUN; pages++) {
    let page;
    try {
      page = await source.pullTranscripts({
        since: cursor.anchor,
        position: cursor.position,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof CrmAuthError || signal?.aborted) throw error;
      out.notes.push(
        `Chat transcripts were not read from Zoho this time (${(error as Error).message}); everything else synced, the transcripts read before are kept, and the next sync reads them again`,
      );
      return out;
    }
    const rows: ChatTranscriptsTable[] = [];
    for (const r of page.records) {
      if (r.modifiedAt > (newest ?? 0)) newest = r.modifiedAt;
      if (!r.transcript) continue;
      rows.push({
        id: r.id,
        person_id: r.transcript.personId,
        written_at: r.transcript.writtenAt,
        modified_at: r.modifiedAt,
        title: r.transcript.title,
        text: r.transcript.text,
      });
    }
    keepTranscripts(db, rows);
    // Moved only once the page's transcripts are kept: a run stopped here reads it again.
    if (newest !== null) setTranscriptsReadTo(db, newest);
    cursor = nextCursor(cursor, page.records, page.next, newest);
  }
  return out;
}
