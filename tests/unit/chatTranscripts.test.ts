import { describe, expect, it } from 'vitest';
import { isTranscriptNote, transcriptOfNote } from '../../src/main/crm/zoho/zohoChatNotes';
import { withTranscripts } from '../../src/main/people/transcriptPairing';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 28, 9, 0);

const chat = (id: string, startedAt: number, messages = 0) => ({
  id,
  startedAt,
  messages: Array.from({ length: messages }, () => ({
    sender: 'visitor' as const,
    author: 'Visitor',
    sentAt: startedAt,
    text: 'hi',
  })),
  transcript: null,
});
const note = (id: string, writtenAt: number) => ({
  id,
  writtenAt,
  text: `transcript ${id}`,
  files: [] as string[],
});

describe('which Zoho notes are chat transcripts (VT-5)', () => {
  it.each([
    ['Chat transcript', 'anything'],
    ['Transcript of the chat with Suzuki', ''],
    ['Zoho SalesIQ', ''],
    [null, 'Chat Transcript\n10:02 Suzuki: hello'],
    ['チャットの履歴', ''],
    // Zoho's editor keeps a note as HTML: the first line a reader sees is its first line.
    [null, '<div style="font-size: 10pt;">\n<div><b>Chat transcript</b></div><div>hi</div></div>'],
  ])('takes the note titled %j (first line %j) for one', (title, text) => {
    expect(isTranscriptNote(title, text)).toBe(true);
  });

  it.each([
    ['Call back', 'Called after the chat: wants a demo'],
    ['Chat', 'We chatted at the fair'],
    [null, ''],
  ])('leaves the rep’s note %j (%j) out', (title, text) => {
    expect(isTranscriptNote(title, text)).toBe(false);
  });

  it('keeps only the notes of a lead or contact, and one of another shape as Zoho gave it', () => {
    const base = {
      id: '1',
      Note_Title: 'Chat transcript',
      Created_Time: '2026-03-28T10:08:00+01:00',
      Modified_Time: '2026-03-28T10:08:00+01:00',
    };
    const on = (module: string) => ({ module: { api_name: module, id: '9' }, name: 'S', id: '42' });
    expect(transcriptOfNote({ ...base, Note_Content: 'a', Parent_Id: on('Deals') })).toBeNull();
    expect(transcriptOfNote({ ...base, Note_Content: 'a', Parent_Id: null })).toBeNull();
    expect(transcriptOfNote({ ...base, Note_Content: 7, Parent_Id: on('Contacts') })).toEqual({
      personId: '42',
      writtenAt: Date.UTC(2026, 2, 28, 9, 8),
      title: 'Chat transcript',
      text: '7',
      files: [],
    });
  });

  it('names the files on the note, and a file with no name as such', () => {
    const note = {
      id: '1',
      Note_Title: 'Chat transcript',
      Note_Content: '',
      Created_Time: '2026-03-28T10:08:00+01:00',
      Modified_Time: '2026-03-28T10:08:00+01:00',
      Parent_Id: { module: { api_name: 'Leads', id: '9' }, name: 'S', id: '42' },
      $attachments: [{ File_Name: 'chat.txt', id: '5' }, { id: '6' }, null],
    };
    expect(transcriptOfNote(note)?.files).toEqual(['chat.txt', '(a file)']);
  });
});

describe("a transcript on its person's chat (VT-5)", () => {
  it('goes on the latest chat begun before it was written, and stands alone when none began within 12 hours', () => {
    const chats = [chat('c1', T0), chat('c2', T0 + 3 * HOUR), chat('c3', T0 + 30 * HOUR)];
    const out = withTranscripts(chats, [
      note('n1', T0 + 3 * HOUR + 10 * 60_000),
      note('n2', T0 + 3 * HOUR + 20 * 60_000),
      note('n3', T0 + 29 * HOUR),
    ]);
    expect(out.map((c) => [c.id, c.transcript])).toEqual([
      ['c3', null],
      ['note-n3', 'transcript n3'],
      ['c2', 'transcript n1'],
      // The chat before n2's was taken: the one before it, still within 12 hours.
      ['c1', 'transcript n2'],
    ]);
  });

  it('never replaces the messages a chat has', () => {
    const out = withTranscripts([chat('c1', T0, 2)], [note('n1', T0 + 60_000)]);
    expect(out.map((c) => [c.id, c.transcript, c.messages.length])).toEqual([
      ['note-n1', 'transcript n1', 0],
      ['c1', null, 2],
    ]);
  });
});
