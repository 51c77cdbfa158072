import type { Db } from '../openDatabase';
import type { ChatTranscriptsTable } from '../schema';
import { deleteSetting, putSetting, settingValue } from './settings';
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
                files: r.files,
              })
              .where('chat_transcripts.modified_at', '<', r.modified_at),
          ),
      );
  });
}

/**
 * Setting: how far the CRM's deleted notes were read, as JSON: `since` (UTC ms, the deletion time
 * the listing asks after; null: all), `page` (the next one, when a run stopped within the
 * listing) and `newest` (the latest deletion met on the pages read).
 */
export const TRANSCRIPTS_DELETED_READ = 'chat_transcripts_deleted_read';

export interface DeletedRead {
  since: number | null;
  page: number;
  newest: number | null;
}

export function transcriptsDeletedRead(db: Db): DeletedRead {
  try {
    const v = JSON.parse(
      settingValue(db, TRANSCRIPTS_DELETED_READ) ?? 'null',
    ) as Partial<DeletedRead> | null;
    const num = (n: unknown): number | null =>
      typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
    return { since: num(v?.since), page: num(v?.page) ?? 1, newest: num(v?.newest) };
  } catch {
    // Damaged: the whole list is read again, which removes nothing that should stay.
    return { since: null, page: 1, newest: null };
  }
}

export function setTranscriptsDeletedRead(db: Db, read: DeletedRead): void {
  putSetting(db, TRANSCRIPTS_DELETED_READ, JSON.stringify(read));
}

/** Removes the transcripts of these notes; how many there were. */
export function removeTranscripts(db: Db, noteIds: readonly string[]): number {
  if (noteIds.length === 0) return 0;
  return run(db, db.kysely.deleteFrom('chat_transcripts').where('id', 'in', noteIds)).changes;
}

/** Whether any transcript is kept here. */
export function anyTranscripts(db: Db): boolean {
  return all(db, db.kysely.selectFrom('chat_transcripts').select('id').limit(1)).length > 0;
}

/** A person's transcripts, newest first. */
export function personTranscriptRows(
  db: Db,
  personId: string,
  limit: number,
): Pick<ChatTranscriptsTable, 'id' | 'written_at' | 'title' | 'text' | 'files'>[] {
  return all(
    db,
    db.kysely
      .selectFrom('chat_transcripts')
      .select(['id', 'written_at', 'title', 'text', 'files'])
      .where('person_id', '=', personId)
      .orderBy('written_at', 'desc')
      .limit(limit),
  );
}

/** Setting, '1' once the CRM refused to list its deleted notes: they are not asked for again. */
export const TRANSCRIPTS_DELETED_REFUSED = 'chat_transcripts_deleted_refused';
/** Setting, '1' once the CRM refused to name the files on notes: notes are read without them. */
export const TRANSCRIPTS_FILES_REFUSED = 'chat_transcripts_files_refused';

/**
 * Setting: when the CRM last refused this sign-in the deleted notes for a missing scope or profile
 * right (UTC ms): not asked again for a while, nor said again (transcriptsPull.ts).
 */
const TRANSCRIPTS_DELETED_FORBIDDEN = 'chat_transcripts_deleted_forbidden';

export function deletedForbiddenAt(db: Db): number | null {
  const value = Number(settingValue(db, TRANSCRIPTS_DELETED_FORBIDDEN));
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function setDeletedForbiddenAt(db: Db, at: number | null): void {
  if (at === null) deleteSetting(db, TRANSCRIPTS_DELETED_FORBIDDEN);
  else putSetting(db, TRANSCRIPTS_DELETED_FORBIDDEN, String(at));
}

export const isRefused = (db: Db, key: string): boolean => settingValue(db, key) === '1';
export const markRefused = (db: Db, key: string): void => putSetting(db, key, '1');

/**
 * Settings: the people whose transcripts went with them (deleted, or no longer shown), and those
 * of them stored again, whose notes are read again. Notes are listed again only when edited, so
 * nothing else would bring a returning person's transcripts back.
 */
const PEOPLE_GONE = 'chat_transcripts_people_gone';
const PEOPLE_BACK = 'chat_transcripts_people_back';
/** The newest kept: a person gone longer ago who comes back has their transcripts no more. */
const MAX_KEPT = 2000;

function idList(db: Db, key: string): string[] {
  try {
    const ids: unknown = JSON.parse(settingValue(db, key) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return []; // Damaged: none known, as before these lists were kept.
  }
}

function putIdList(db: Db, key: string, ids: readonly string[]): void {
  putSetting(db, key, JSON.stringify(ids.slice(-MAX_KEPT)));
}

export const transcriptPeopleGone = (db: Db): string[] => idList(db, PEOPLE_GONE);
export const transcriptPeopleBack = (db: Db): string[] => idList(db, PEOPLE_BACK);

export function noteTranscriptPersonGone(db: Db, personId: string): void {
  putIdList(db, PEOPLE_GONE, [
    ...idList(db, PEOPLE_GONE).filter((id) => id !== personId),
    personId,
  ]);
}

/** One gone is stored again: their notes are to be read again. */
export function noteTranscriptPersonBack(db: Db, personId: string): void {
  putIdList(
    db,
    PEOPLE_GONE,
    idList(db, PEOPLE_GONE).filter((id) => id !== personId),
  );
  putIdList(db, PEOPLE_BACK, [
    ...idList(db, PEOPLE_BACK).filter((id) => id !== personId),
    personId,
  ]);
}

export function forgetTranscriptPersonBack(db: Db, personId: string): void {
  putIdList(
    db,
    PEOPLE_BACK,
    idList(db, PEOPLE_BACK).filter((id) => id !== personId),
  );
}

/** The modification times, earliest and latest, of the transcripts kept naming no file. */
export function unnamedFilesSpan(db: Db): { from: number; to: number } | null {
  const row = all(
    db,
    db.kysely
      .selectFrom('chat_transcripts')
      .select((eb) => [eb.fn.min('modified_at').as('from'), eb.fn.max('modified_at').as('to')])
      .where('files', 'is', null),
  )[0];
  return row && row.from !== null && row.to !== null
    ? { from: Number(row.from), to: Number(row.to) }
    : null;
}

/**
 * Names the files of transcripts kept naming none, from their notes read again: only where the
 * copy kept is that note's or an older one, so nothing read later is replaced. How many it named.
 */
export function nameTranscriptFiles(
  db: Db,
  rows: readonly Pick<ChatTranscriptsTable, 'id' | 'modified_at' | 'files'>[],
): number {
  let named = 0;
  transaction(db, () => {
    for (const r of rows)
      if (r.files !== null)
        named += run(
          db,
          db.kysely
            .updateTable('chat_transcripts')
            .set({ files: r.files })
            .where('id', '=', r.id)
            .where('files', 'is', null)
            .where('modified_at', '<=', r.modified_at),
        ).changes;
  });
  return named;
}
