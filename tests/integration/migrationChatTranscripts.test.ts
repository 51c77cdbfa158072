import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { keepTranscripts, personTranscriptRows } from '../../src/main/db/repos/chatTranscripts';
import { databaseBefore } from '../fixtures/databaseBefore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// Migration 29 adds where chat transcripts read from the CRM's notes are kept (VT-5), apart from a
// visit's chats, which a visit synced again replaces.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  dir.remove();
});

const row = (id: string, modifiedAt: number, text: string) => ({
  id,
  person_id: 'p1',
  written_at: 1_000,
  modified_at: modifiedAt,
  title: 'Chat transcript',
  text,
  files: null,
});

describe('the chat transcripts migration', () => {
  it("keeps a database's chats as they were and the transcripts by person, a later copy of a note replacing an older one", async () => {
    const file = dir.file('transcripts.db');
    const { raw, done } = await databaseBefore(file, 'chat_transcripts');
    raw
      .prepare(
        "insert into chats (id, person_id, visit_id, operator_id, started_at, ended_at) values ('c1', null, null, null, 5, null)",
      )
      .run();
    await done();
    const db = await openDatabase(file);
    try {
      expect(rawHandle(db).prepare('select id from chats').all()).toEqual([{ id: 'c1' }]);
      keepTranscripts(db, [row('n1', 2_000, 'first copy')]);
      keepTranscripts(db, [row('n1', 3_000, 'edited')]);
      keepTranscripts(db, [row('n1', 2_500, 'an older copy read again')]);
      expect(personTranscriptRows(db, 'p1', 10).map((r) => r.text)).toEqual(['edited']);
      expect(personTranscriptRows(db, 'p2', 10)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('migration 30 keeps the transcripts read before, naming no file, and keeps the files of one read now', async () => {
    const file = dir.file('transcript-files.db');
    const { raw, done } = await databaseBefore(file, 'chat_transcript_files');
    raw
      .prepare(
        "insert into chat_transcripts (id, person_id, written_at, modified_at, title, text) values ('n0', 'p1', 500, 500, 'Chat transcript', 'read in stop 43')",
      )
      .run();
    await done();
    const db = await openDatabase(file);
    try {
      keepTranscripts(db, [{ ...row('n1', 2_000, ''), files: '["chat.txt"]' }]);
      expect(personTranscriptRows(db, 'p1', 10).map((r) => [r.id, r.text, r.files])).toEqual([
        ['n1', '', '["chat.txt"]'],
        ['n0', 'read in stop 43', null],
      ]);
    } finally {
      await db.close();
    }
  });
});
