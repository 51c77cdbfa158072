import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { runSync } from '../../src/main/sync/syncEngine';
import { zohoTime, type ZRecord } from '../crm-server/crmDataSet';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { forgetSignInAnswers } from '../../src/main/sync/signInAnswers';

// VT-5: SalesIQ attaches a chat's transcript to the lead or contact in Zoho. A real organisation's
// sync read none, so every chat on the person page said "no transcript in the CRM". The sync now
// reads Zoho's notes (GET /Notes, by modification time) and the page shows each transcript on the
// chat it belongs to, or as a chat of its own.

const MIN = 60_000;

let server: CrmTestServer;
let db: Db;

eachTestSyncEnv(
  'cw-transcripts-',
  () => buildOrganisation(11),
  (env) => ({ server, db } = env),
);

const TRANSCRIPT = [
  'Chat transcript',
  '10:02 Suzuki: How much is the team plan for 12 users?',
  '10:03 Ada Rep: 12 users is 240 euros a month; shall I send a quote?',
].join('\n');

/** A lead with one visit that had a chat at `at`, as SalesIQ gives it (a count, no messages). */
function leadWithChat(at: number): ZRecord {
  const lead = [...server.data.table('Leads').values()][0] as ZRecord;
  server.data.insert('Visits', {
    Name: 'Visit with a chat',
    Visitor_Name: lead['Last_Name'],
    Lead_Name: { id: lead.id, name: lead['Last_Name'] },
    Visited_Time: zohoTime(at),
    Time_Spent: 6,
    Visited_Pages: `${zohoTime(at)} https://example.test/pricing`,
    Number_Of_Chats: 1,
  });
  return lead;
}

/** A note on `lead` in Zoho, titled as SalesIQ titles a transcript unless told otherwise. */
function noteOn(
  lead: ZRecord,
  content: unknown,
  at: number,
  title: string | null = 'Chat transcript',
): ZRecord {
  return server.data.addNote({ module: 'Leads', id: lead.id }, title, content, at);
}

/** A lead whose visit had a chat a day ago, and the chat's transcript noted 5 minutes after. */
function leadWithTranscript(): { lead: ZRecord; at: number } {
  const at = server.data.clock - 86_400_000;
  const lead = leadWithChat(at);
  noteOn(lead, TRANSCRIPT, at + 5 * MIN);
  return { lead, at };
}

/** The `fields` each `GET /Notes` asked for. */
const notesFields = (s: CrmTestServer): string[] =>
  s.requests
    .filter((r) => r.path.startsWith('/crm/v8/Notes?'))
    .map((r) => new URL(r.path, 'http://x').searchParams.get('fields') ?? '');

/** The transcripts kept on this computer for a person, page or not. */
const keptFor = (personId: string): number =>
  (
    rawHandle(db)
      .prepare('select count(*) as n from chat_transcripts where person_id = ?')
      .get(personId) as { n: number }
  ).n;

async function chatsOf(personId: string) {
  const person = await createCore(db).handlers.getPerson({ id: personId });
  return person?.chats ?? [];
}

describe('chat transcripts from Zoho (VT-5)', () => {
  it("puts the transcript Zoho keeps as a note on the lead on that lead's chat, and one with no chat as a chat of its own", async () => {
    const at = server.data.clock - 3 * 86_400_000;
    const lead = leadWithChat(at);
    noteOn(lead, TRANSCRIPT, at + 8 * MIN);
    // Days later, with no visit of that day synced: its own chat, at the note's time.
    const later = at + 2 * 86_400_000;
    noteOn(lead, 'Chat transcript\nhello', later);
    // A rep's note is not a transcript.
    noteOn(lead, 'Wants a demo', at + 9 * MIN, 'Call back');

    const summary = await runSync(db, zohoSourceFor(server));

    expect(summary.appNotes.filter((n) => /transcript/i.test(n))).toEqual([]);
    const chats = await chatsOf(lead.id);
    const visitChat = chats.find((c) => c.startedAt === at);
    expect(visitChat?.transcript).toBe(TRANSCRIPT);
    const own = chats.find((c) => c.startedAt === later);
    expect(own?.transcript).toBe('Chat transcript\nhello');
    expect(chats.filter((c) => c.transcript?.includes('Wants a demo'))).toEqual([]);
  });

  it('reads only the notes changed since the last sync, and keeps a transcript when the visit is synced again', async () => {
    const { lead, at } = leadWithTranscript();
    await runSync(db, zohoSourceFor(server));
    server.requests.length = 0;
    // The visit changes in Zoho (its chats are replaced here): the transcript stays on its chat.
    const visit = [...server.data.table('Visits').values()].find(
      (v) => v['Name'] === 'Visit with a chat',
    ) as ZRecord;
    server.data.modify('Visits', visit.id, { Time_Spent: 7 });

    await runSync(db, zohoSourceFor(server));

    const notesAsked = server.requests.filter((r) => r.path.startsWith('/crm/v8/Notes?'));
    expect(notesAsked).toHaveLength(1);
    expect(notesAsked[0]?.headers['if-modified-since']).toBeTruthy();
    expect((await chatsOf(lead.id)).find((c) => c.startedAt === at)?.transcript).toBe(TRANSCRIPT);
  });

  it('a Notes failure leaves the sync whole, says so in plain words, and keeps the transcripts read before', async () => {
    const { lead, at } = leadWithTranscript();
    await runSync(db, zohoSourceFor(server));
    noteOn(lead, 'Chat transcript\nlater', at + 60 * MIN);
    server.inject('server-error', { path: /^\/crm\/v8\/Notes$/, times: 10 });

    const summary = await runSync(db, zohoSourceFor(server));

    expect(summary.notes.filter((n) => /could not be read/.test(n))).toEqual([]);
    expect(summary.appNotes).toContainEqual(
      expect.stringMatching(
        /^Chat transcripts were not read from Zoho this time \(.+\); everything else synced, the transcripts read before are kept, and the next sync reads them again$/,
      ),
    );
    expect((await chatsOf(lead.id)).find((c) => c.startedAt === at)?.transcript).toBe(TRANSCRIPT);

    // The next sync reads the one it missed.
    const next = await runSync(db, zohoSourceFor(server));
    expect(next.appNotes.filter((n) => /transcript/i.test(n))).toEqual([]);
    expect((await chatsOf(lead.id)).map((c) => c.transcript)).toContain('Chat transcript\nlater');
  });

  it('a note of another shape (content not text, no parent, no id) breaks nothing, and a malformed transcript is kept as Zoho gave it', async () => {
    const at = server.data.clock - 86_400_000;
    const lead = leadWithChat(at);
    noteOn(lead, { lines: ['hi'] }, at + 5 * MIN);
    const orphan = noteOn(lead, 'x', at + 6 * MIN);
    orphan['Parent_Id'] = null;
    const noId = noteOn(lead, 'y', at + 7 * MIN);
    server.data.notes.delete(noId.id);
    server.data.notes.set('', { ...noId, id: undefined } as unknown as ZRecord);
    noteOn(lead, TRANSCRIPT, at + 8 * 60 * MIN);

    const summary = await runSync(db, zohoSourceFor(server));

    expect(summary.notes.filter((n) => /could not be read/.test(n))).toEqual([]);
    expect(summary.appNotes.filter((n) => /transcript/i.test(n))).toEqual([]);
    const transcripts = (await chatsOf(lead.id)).map((c) => c.transcript);
    expect(transcripts).toContain('{"lines":["hi"]}');
    expect(transcripts).toContain(TRANSCRIPT);
    expect(transcripts).not.toContain('x');
  });

  it('shows a transcript Zoho keeps as HTML as lines of text, with no markup and nothing run', async () => {
    const at = server.data.clock - 86_400_000;
    const lead = leadWithChat(at);
    noteOn(
      lead,
      '<div><b>Chat transcript</b></div><div>10:02 鈴木: 料金は？<br>10:03 Ada &amp; Co: 240&nbsp;&euro;<img src=x onerror="alert(1)"></div><script>alert(2)</script>',
      at + 5 * MIN,
      null,
    );

    await runSync(db, zohoSourceFor(server));

    expect((await chatsOf(lead.id)).find((c) => c.startedAt === at)?.transcript).toBe(
      'Chat transcript\n10:02 鈴木: 料金は？\n10:03 Ada & Co: 240 €',
    );
  });

  it("follows a converted lead to its contact's page", async () => {
    const { lead } = leadWithTranscript();
    await runSync(db, zohoSourceFor(server));
    const contact = server.data.convertLead(lead.id);

    await runSync(db, zohoSourceFor(server));

    expect((await chatsOf(contact.id)).map((c) => c.transcript)).toContain(TRANSCRIPT);
  });

  it('removes a transcript whose note was deleted in Zoho, and keeps the others', async () => {
    const { lead, at } = leadWithTranscript();
    noteOn(lead, 'Chat transcript\nstays', at + 60 * MIN);
    await runSync(db, zohoSourceFor(server));
    const deleted = [...server.data.notes.values()].find((n) => n['Note_Content'] === TRANSCRIPT);
    server.data.removeNote(deleted?.id ?? '');

    const summary = await runSync(db, zohoSourceFor(server));

    expect(summary.appNotes.filter((n) => /transcript/i.test(n))).toEqual([]);
    const transcripts = (await chatsOf(lead.id)).map((c) => c.transcript);
    expect(transcripts).not.toContain(TRANSCRIPT);
    expect(transcripts).toContain('Chat transcript\nstays');
    expect(keptFor(lead.id)).toBe(1);
    // Asked only after what was seen: Zoho's deleted list, as of the last look.
    const asked = server.requests.filter((r) => r.path.startsWith('/crm/v8/Notes/deleted?'));
    expect(asked.at(-1)?.headers['if-modified-since']).toBeTruthy();
  });

  it('a failure to list the deleted notes leaves the sync whole with a note, and the next sync removes the transcript', async () => {
    const { lead } = leadWithTranscript();
    await runSync(db, zohoSourceFor(server));
    const [note] = [...server.data.notes.values()];
    server.data.removeNote(note?.id ?? '');
    server.inject('server-error', { path: /^\/crm\/v8\/Notes\/deleted$/, times: 10 });

    const summary = await runSync(db, zohoSourceFor(server));

    expect(summary.notes.filter((n) => /transcript|notes/i.test(n))).toEqual([]);
    expect(summary.appNotes).toContainEqual(
      expect.stringMatching(
        /^Chat transcripts deleted in Zoho were not looked for this time \(.+\); everything else synced, and the next sync looks again$/,
      ),
    );
    expect(keptFor(lead.id)).toBe(1);

    server.clearFaults();
    const next = await runSync(db, zohoSourceFor(server));
    expect(next.appNotes.filter((n) => /transcript/i.test(n))).toEqual([]);
    expect(keptFor(lead.id)).toBe(0);
  });

  it('lets the transcripts go with a lead deleted in Zoho', async () => {
    const { lead } = leadWithTranscript();
    await runSync(db, zohoSourceFor(server));
    expect(keptFor(lead.id)).toBe(1);
    server.data.remove('Leads', lead.id);

    await runSync(db, zohoSourceFor(server));

    expect(keptFor(lead.id)).toBe(0);
  });

  it('lets the transcripts go with a lead Zoho no longer shows the rep (the daily check)', async () => {
    const now = () => server.data.clock;
    const { lead } = leadWithTranscript();
    await runSync(db, zohoSourceFor(server), { now });
    server.data.unshare('Leads', lead.id);
    server.data.clock += 25 * 3_600_000;

    const summary = await runSync(db, zohoSourceFor(server), { now });

    expect(summary.visibility?.removed).toBeGreaterThan(0);
    expect(keptFor(lead.id)).toBe(0);
  });

  it('says a transcript is attached in Zoho when the note holds it as a file, without downloading it', async () => {
    const at = server.data.clock - 86_400_000;
    const lead = leadWithChat(at);
    server.data.addNote({ module: 'Leads', id: lead.id }, 'Chat transcript', '', at + 5 * MIN, [
      'SalesIQ chat 2026-12-05.txt',
    ]);

    await runSync(db, zohoSourceFor(server));

    const chat = (await chatsOf(lead.id)).find((c) => c.startedAt === at);
    expect(chat?.transcriptFiles).toEqual(['SalesIQ chat 2026-12-05.txt']);
    // The files' names are asked for with the notes; no file is listed or fetched on its own.
    expect(notesFields(server).every((f) => f.includes('$attachments'))).toBe(true);
    expect(
      server.requests.filter((r) => /Attachments|download/i.test(r.path.split('?')[0] ?? '')),
    ).toEqual([]);
  });

  it('stops asking for deleted notes once Zoho refuses the list (Notes is not among its modules), with no note on any sync', async () => {
    server.refuseDeletedNotes = true;
    const { lead, at } = leadWithTranscript();
    const deletedAsked = () =>
      server.requests.filter((r) => r.path.startsWith('/crm/v8/Notes/deleted')).length;

    const first = await runSync(db, zohoSourceFor(server));
    expect(deletedAsked()).toBe(1);
    expect(first.appNotes.filter((n) => /transcript/i.test(n))).toEqual([]);

    noteOn(lead, 'Chat transcript\nlater', at + 60 * MIN);
    for (let run = 0; run < 2; run++) {
      const next = await runSync(db, zohoSourceFor(server));
      expect(next.appNotes.filter((n) => /transcript/i.test(n))).toEqual([]);
    }
    expect(deletedAsked()).toBe(1);
    // Everything else about transcripts goes on.
    expect(keptFor(lead.id)).toBe(2);
  });

  it("asks Zoho for the notes' files, and reads notes without them, once and for good, when Zoho refuses the field", async () => {
    server.refuseNoteAttachmentsField = true;
    const { lead, at } = leadWithTranscript();
    const notesAsked = () => server.requests.filter((r) => r.path.startsWith('/crm/v8/Notes?'));

    const first = await runSync(db, zohoSourceFor(server));

    expect(first.appNotes.filter((n) => /transcript/i.test(n))).toEqual([]);
    expect((await chatsOf(lead.id)).find((c) => c.startedAt === at)?.transcript).toBe(TRANSCRIPT);
    expect(notesAsked().map((r) => r.path.includes('%24attachments'))).toEqual([true, false]);

    server.requests.length = 0;
    noteOn(lead, 'Chat transcript\nlater', at + 60 * MIN);
    await runSync(db, zohoSourceFor(server));
    expect(notesAsked().map((r) => r.path.includes('%24attachments'))).toEqual([false]);
    expect(keptFor(lead.id)).toBe(2);
  });

  it('brings the transcripts back with a lead shown to the rep again after the daily check let it go', async () => {
    const now = () => server.data.clock;
    const { lead, at } = leadWithTranscript();
    await runSync(db, zohoSourceFor(server), { now });
    server.data.unshare('Leads', lead.id);
    server.data.clock += 25 * 3_600_000;
    // Another lead's note moves the read on: the lead's own note is not met again.
    const other = [...server.data.table('Leads').values()][1] as ZRecord;
    noteOn(other, 'Chat transcript\nsomeone else', at + 60 * MIN);
    await runSync(db, zohoSourceFor(server), { now });
    expect(keptFor(lead.id)).toBe(0);

    server.data.reshare('Leads', lead.id);
    server.data.clock += 25 * 3_600_000;
    await runSync(db, zohoSourceFor(server), { now });

    expect(keptFor(lead.id)).toBe(1);
    expect((await chatsOf(lead.id)).find((c) => c.startedAt === at)?.transcript).toBe(TRANSCRIPT);
  });

  it('keeps a note that came before its lead, read again in the last second, for when the lead arrives', async () => {
    const { lead, at } = leadWithTranscript();
    await runSync(db, zohoSourceFor(server));
    // Made in the same second as the newest note read, on a lead the rep does not have yet.
    server.data.addNote(
      { module: 'Leads', id: 'lead-made-later' },
      'Chat transcript',
      'Chat transcript\nbefore the lead',
      at + 5 * MIN,
    );
    noteOn(lead, 'Chat transcript\nlater', at + 60 * MIN);
    await runSync(db, zohoSourceFor(server));

    server.data.insert('Leads', {
      id: 'lead-made-later',
      Last_Name: 'Later',
      Email: 'later@example.test',
    });
    await runSync(db, zohoSourceFor(server));

    expect((await chatsOf('lead-made-later')).map((c) => c.transcript)).toEqual([
      'Chat transcript\nbefore the lead',
    ]);
  });

  it('names the file of a transcript kept before the files were asked for, reading the notes again once after the upgrade', async () => {
    const at = server.data.clock - 86_400_000;
    const lead = leadWithChat(at);
    server.data.addNote({ module: 'Leads', id: lead.id }, 'Chat transcript', '', at + 5 * MIN, [
      'SalesIQ chat 2026-12-05.txt',
    ]);
    await runSync(db, zohoSourceFor(server));
    // As the version before this left the file: the transcript kept naming no file, the notes
    // read up to it, and nothing planned to read them again.
    rawHandle(db).prepare('update chat_transcripts set files = null').run();
    rawHandle(db).prepare("delete from settings where key = 'chat_transcripts_files_reread'").run();
    expect(
      (await chatsOf(lead.id)).find((c) => c.startedAt === at)?.transcriptFiles,
    ).toBeUndefined();
    const notesAsked = () => server.requests.filter((r) => r.path.startsWith('/crm/v8/Notes?'));

    server.requests.length = 0;
    const upgraded = await runSync(db, zohoSourceFor(server));

    expect(upgraded.appNotes.filter((n) => /transcript/i.test(n))).toEqual([]);
    expect((await chatsOf(lead.id)).find((c) => c.startedAt === at)?.transcriptFiles).toEqual([
      'SalesIQ chat 2026-12-05.txt',
    ]);
    // The notes' own read, and the one read again, from the first transcript kept.
    expect(notesAsked()).toHaveLength(2);
    // Once: the next sync reads only the notes changed since.
    server.requests.length = 0;
    await runSync(db, zohoSourceFor(server));
    expect(notesAsked()).toHaveLength(1);
  });

  it('says once that the sign-in may not list the deleted notes (403), asks again a week on without a word, and again after a new sign-in', async () => {
    const now = () => server.data.clock;
    const { lead } = leadWithTranscript();
    server.inject('no-permission', { path: /^\/crm\/v8\/Notes\/deleted$/, times: 100 });
    const deletedAsked = () =>
      server.requests.filter((r) => r.path.startsWith('/crm/v8/Notes/deleted')).length;
    const said = (s: { appNotes: string[] }) =>
      s.appNotes.filter((n) => /deleted in Zoho (are|were) not looked for/.test(n));

    const first = await runSync(db, zohoSourceFor(server), { now });
    expect(deletedAsked()).toBe(1);
    expect(said(first)).toEqual([
      expect.stringMatching(
        /^Chat transcripts deleted in Zoho are not looked for \(the signed-in Zoho user may not read the deleted notes \(.+\)\); everything else synced\. A transcript whose note is deleted in Zoho stays here until its person goes; the app asks again once a week, and at once after Connect again in Settings › CRM account$/,
      ),
    ]);
    for (let run = 0; run < 2; run++) {
      server.data.clock += 3_600_000;
      expect(said(await runSync(db, zohoSourceFor(server), { now }))).toEqual([]);
    }
    expect(deletedAsked()).toBe(1);

    // An administrator may have widened the profile meanwhile: asked, still refused, not said.
    server.data.clock += 7 * 86_400_000;
    expect(said(await runSync(db, zohoSourceFor(server), { now }))).toEqual([]);
    expect(deletedAsked()).toBe(2);

    // Connecting again (a new grant, maybe with the scope): asked at once, and said if refused.
    forgetSignInAnswers(db);
    expect(said(await runSync(db, zohoSourceFor(server), { now }))).toHaveLength(1);
    expect(deletedAsked()).toBe(3);

    // Allowed at last: the next look lists them, and a later refusal is news again.
    server.clearFaults();
    forgetSignInAnswers(db);
    const [note] = [...server.data.notes.values()];
    server.data.removeNote(note?.id ?? '');
    expect(said(await runSync(db, zohoSourceFor(server), { now }))).toEqual([]);
    expect(keptFor(lead.id)).toBe(0);
  });
});
