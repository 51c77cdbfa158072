import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { loggedWorkOf } from '../../src/main/db/repos/activities';
import { DEMO_ORG, DEMO_SHIFTS } from '../../src/main/demo/demoOrganisation';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let db: Db;
beforeAll(async () => {
  dir = makeTempDir();
  db = await demoDb(dir, { people: 150 });
});
afterAll(async () => {
  await db.close();
  dir.remove();
});

interface Mail {
  id: string;
  owner_id: string;
  started_at: number;
  time_zone: string;
  shift_id: string | null;
}

/** The reps' own mails: no signal, sent, as crm/zoho/zohoEmailMap.ts stores one. */
const repMails = (): Mail[] =>
  rawHandle(db)
    .prepare(
      `select a.id, a.owner_id, a.started_at, u.time_zone, u.shift_id
         from activities a join users u on u.id = a.owner_id
        where a.kind = 'email' and a.direction = 'out' and a.signal is null
          and a.status = 'completed'`,
    )
    .all() as Mail[];

describe('the demo reps’ e-mails (BT-2 and the Team page)', () => {
  it('are sent in their sender’s working hours (their shift’s, else the organisation’s), never after now', () => {
    const mails = repMails();
    expect(mails.length).toBeGreaterThan(100);
    const outside: string[] = [];
    for (const m of mails) {
      const shift = DEMO_SHIFTS.find((s) => s.id === m.shift_id);
      const zone = shift?.time_zone ?? DEMO_ORG.timeZone;
      const hours = shift?.hours ?? DEMO_ORG.businessHours;
      const local = DateTime.fromMillis(m.started_at, { zone });
      const minute = local.hour * 60 + local.minute;
      const open = (hours.days[local.weekday - 1] ?? []).some(
        ([from, to]) => minute >= from && minute < to,
      );
      if (!open || m.started_at > TEST_NOW)
        outside.push(`${m.id} by ${m.owner_id} at ${local.toFormat('ccc dd LLL HH:mm ZZZZ')}`);
    }
    expect(outside).toEqual([]);
  });

  it('come before what the contact did with them, by 2 minutes at least', () => {
    const late = rawHandle(db)
      .prepare(
        `select count(*) from activities r join activities m
            on m.person_id = r.person_id and m.source_id = r.source_id
           and m.signal is null and m.kind = 'email' and m.direction = 'out'
         where r.signal in ('email_opened', 'email_link_clicked')
           and r.started_at - m.started_at < 120000`,
      )
      .pluck()
      .get();
    expect(late).toBe(0);
  });

  it('are the only e-mails counted as the reps’ work: no open, click or mail of a contact is', () => {
    const reps = (rawHandle(db).prepare('select id from users').pluck().all() as string[]).sort();
    const worked = [...loggedWorkOf(db, reps, 0, TEST_NOW + 1)].filter((a) => a.kind === 'email');
    expect(worked.length).toBe(repMails().length);
    const reactions = rawHandle(db)
      .prepare(
        `select count(*) from activities
          where signal in ('email_opened', 'email_link_clicked', 'email_from_contact')
            and direction = 'out'`,
      )
      .pluck()
      .get();
    expect(reactions).toBe(0);
  });
});
