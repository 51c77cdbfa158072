import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { insertActivity } from '../../src/main/db/repos/activities';
import { mapEmail } from '../../src/main/crm/zoho/zohoEmailMap';
import { demoDb, makeTempDir, oneRepDb, TEST_NOW, type TempDir } from '../fixtures/tempDb';

const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (at: number): string => new Date(at).toISOString();

let dir: TempDir;
let db: Db;
let core: Core;

/** A mail as Zoho's Emails related list gives it, stored as the sync stores it (zohoEmailMap). */
function zohoMail(
  personId: string,
  messageId: string,
  at: number,
  mail: { fromContact?: boolean; firstOpen?: number; lastOpen?: number; firstClick?: number },
): void {
  const status = [
    ...(mail.firstOpen !== undefined
      ? [
          {
            type: 'opened',
            first_open: iso(mail.firstOpen),
            last_open: iso(mail.lastOpen ?? mail.firstOpen),
          },
        ]
      : []),
    ...(mail.firstClick !== undefined
      ? [{ type: 'clicked', first_click: iso(mail.firstClick), last_click: iso(mail.firstClick) }]
      : []),
  ];
  const pulled = mapEmail(
    { id: personId, module: 'contact' },
    {
      message_id: messageId,
      time: iso(at),
      sent: !mail.fromContact,
      subject: 'Proposal',
      owner: { id: 'rep', name: 'Rita Rep' },
      status,
    },
  );
  expect(pulled.error).toBeUndefined();
  for (const w of pulled.writes) if (w.table === 'activities') insertActivity(db, w.row);
}

function person(id: string): void {
  rawHandle(db)
    .prepare(
      "insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at) values (?, 'contact', 'Jones', 'rep', 'America/New_York', 0, 0)",
    )
    .run(id);
}

beforeAll(async () => {
  dir = makeTempDir();
  db = await oneRepDb(dir, 'emails.db');
  core = createCore(db, () => TEST_NOW);
  person('p');
  person('other');
  const day = 24 * HOUR;
  const t = TEST_NOW - 20 * day;
  // Opened after 10 min, 30 min (opened again later) and 2 h; one never opened.
  zohoMail('p', 'm1', t, { firstOpen: t + 10 * MIN, firstClick: t + 12 * MIN });
  zohoMail('p', 'm2', t + day, { firstOpen: t + day + 30 * MIN, lastOpen: t + 3 * day });
  zohoMail('p', 'm3', t + 2 * day, { firstOpen: t + 2 * day + 2 * HOUR });
  zohoMail('p', 'm4', t + 3 * day, {});
  // Their mails: 3 h after m1, 1 h after m3, 5 h after m4; and one out of the blue first.
  zohoMail('p', 'r0', t - 5 * day, { fromContact: true });
  zohoMail('p', 'r1', t + 3 * HOUR, { fromContact: true });
  zohoMail('p', 'r3', t + 2 * day + 1 * HOUR, { fromContact: true });
  zohoMail('p', 'r4', t + 3 * day + 5 * HOUR, { fromContact: true });
  // Another person's mails are theirs: opened at once, they must not pull p's medians down.
  for (let i = 0; i < 5; i++)
    zohoMail('other', `o${i}`, t + i * HOUR, { firstOpen: t + i * HOUR + MIN });
});
afterAll(async () => {
  await db.close();
  dir.remove();
});

describe('e-mail reaction times on the person page (BT-2)', () => {
  // First: the statement is prepared once per connection, and here it is caught being prepared.
  it('are read through the index on person and time, as the timeline is', async () => {
    const raw = rawHandle(db);
    const prepare = raw.prepare.bind(raw);
    const seen: string[] = [];
    raw.prepare = ((text: string) => {
      seen.push(text);
      return prepare(text);
    }) as typeof raw.prepare;
    try {
      await core.handlers.getPerson({ id: 'p' });
    } finally {
      raw.prepare = prepare;
    }
    const query = seen.find((text) => text.includes('email_link_clicked'));
    if (!query) throw new Error('no e-mail query was prepared');
    const params = query.match(/\?/g)?.length ?? 0;
    const plan = raw
      .prepare(`explain query plan ${query}`)
      .all(...Array.from({ length: params }, () => 'x')) as { detail: string }[];
    const steps = plan.map((r) => r.detail).join('\n');
    expect(steps).toContain(
      'USING INDEX activities_person_signals (person_id=? AND started_at>? AND started_at<?)',
    );
    expect(steps).not.toContain('TEMP B-TREE');
  });

  it('come from the mails the sync stored: the median to the first open and to the reply', async () => {
    const { emailResponse } = await core.handlers.getPerson({ id: 'p' });
    expect(emailResponse).toEqual({
      // 10 min, 30 min, 2 h: m4 was never opened, m2's later open is not its first.
      open: { medianMs: 30 * MIN, count: 3 },
      // One click: too few to say.
      click: null,
      // 3 h, 1 h, 5 h; the mail with no mail of the rep's before it is no reply.
      reply: { medianMs: 3 * HOUR, count: 3 },
    });
  });

  it('go with the e-mail suggestions: switched off (BT-8), nothing is said', async () => {
    await core.handlers.updateSettings({ emailSuggestions: false });
    expect((await core.handlers.getPerson({ id: 'p' })).emailResponse).toBeNull();
    await core.handlers.updateSettings({ emailSuggestions: true });
  });
});

describe('the demo organisation', () => {
  it('gives some of its people reaction times to show, opens and replies', async () => {
    const demoDir = makeTempDir();
    const demo = await demoDb(demoDir, { people: 150 });
    try {
      const demoCore = createCore(demo, () => TEST_NOW);
      let opens = 0;
      let replies = 0;
      for (let i = 1; i <= 150; i++) {
        const { emailResponse } = await demoCore.handlers.getPerson({ id: `p${i}` });
        if (emailResponse?.open) opens++;
        if (emailResponse?.reply) replies++;
      }
      expect(opens).toBeGreaterThan(10);
      expect(replies).toBeGreaterThan(2);
    } finally {
      await demo.close();
      demoDir.remove();
    }
  });
});
