import type { Db } from '../openDatabase';
import type { ChatTranscriptsTable } from '../schema';
import { putSetting, settingValue } from './settings';
import { all, run, transaction } from '../sqlRun';

/** Setting: the CRM's modification time of the newest note read for chat transcripts (UTC ms). */
export const TRANSCRIPTS_READ_TO = 'chat_transcripts_read_to';

export function transcriptsReadTo(db: Db): number | null {
  const value = Number(settingValue(db, TRANSCRIPTS_READ_TO));
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function setTranscriptsReadTo(db: Db, at: number): void {
  putSetting(db, TRANSCRIPTS_READ_TO, String(at));
}

/**
 * Keeps the transcripts, in one transaction: a note edited in the CRM replaces its copy here; the
 * same copy read again (the last second of a read is read again) changes nothing, so one moved
 * here to the contact its lead became stays with them.
 */
export function keepTranscripts(db: Db, rows: readonly ChatTranscriptsTable[]): void {
  if (rows.length === 0) return;
  transaction(db, () => {
    for (const r of rows)
      run(
        db,
        db.kysely
          .insertInto('chat_transcripts')
          .values(r)
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet({
                person_id: r.person_id,
                written_at: r.written_at,
                modified_at: r.modified_at,
                title: r.title,
                text: r.text,
              })
              .where('chat_transcripts.modified_at', '<', r.modified_at),
          ),
      );
  });
}

/** A person's transcripts, newest first. */
export function personTranscriptRows(
  db: Db,
  personId: string,
  limit: number,
): Pick<ChatTranscriptsTable, 'id' | 'written_at' | 'title' | 'text'>[] {
  return all(
    db,
    db.kysely
      .selectFrom('chat_transcripts')
      .select(['id', 'written_at', 'title', 'text'])
      .where('person_id', '=', personId)
      .orderBy('written_at', 'desc')
      .limit(limit),
  );
}
