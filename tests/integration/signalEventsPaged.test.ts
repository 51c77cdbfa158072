import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { currentUser } from '../../src/main/core/session';
import { allSignalEventsSteps, loadSignalEvents } from '../../src/main/besttime/store/signalEvents';
import { readOrgHours } from '../../src/main/besttime/store/recomputeWindows';
import { runSteps } from '../../src/main/besttime/model/steps';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';

// BT-13: the Settings backtest read a whole organisation's signals in one go (1.7 s on 5,000
// people), the core's thread held the while. It reads them a page of people at a time now, each
// page a slice, and no query is left open between two: the core answers in between.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe("the backtest's signal load", () => {
  it('reads the same signals, in the same order, page by page as all at once', async () => {
    const db = await demoDb(dir, { people: 450 });
    const repId = currentUser(db)?.id ?? null;
    const { orgTz } = readOrgHours(db);
    // Forms sent during some of the visits (BT-1 signal 9), in both of SalesIQ's shapes, the
    // visits linked to nobody whose visitor gave an e-mail among them; marked as the sync marks
    // a visit with a form (migration 032).
    rawHandle(db)
      .prepare(
        `update visits set has_form = 1, actions = case when rowid % 2 = 0 then 'Form Submitted'
           else json_array(json_object('Action_Type', 'Form Submitted', 'Action_Performed_Time',
             strftime('%Y-%m-%dT%H:%M:%SZ', started_at / 1000 + 120, 'unixepoch'))) end
         where (person_id is not null or visitor_email is not null) and rowid % 5 = 0`,
      )
      .run();
    const paged = runSteps(allSignalEventsSteps(db, orgTz, repId));
    const whole = loadSignalEvents(db, orgTz, repId);
    expect([...paged.keys()]).toEqual([...whole.keys()]);
    expect(paged).toEqual(whole);
    const forms = [...whole.values()].flat().filter((e) => e.type === 'web_form_submitted');
    expect(forms.length).toBeGreaterThan(20);
    await db.close();
  }, 120_000);

  it('hands the connection back between its steps: a People search is answered between two', async () => {
    const db = await demoDb(dir, { people: 450 });
    const repId = currentUser(db)?.id ?? null;
    const core = createCore(db, () => TEST_NOW);
    const steps = allSignalEventsSteps(db, readOrgHours(db).orgTz, repId);
    let count = 0;
    let searched = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) {
      count++;
      // Every 100th step, as a search typed while Settings computes: answered, not refused as busy.
      if (count % 100 === 1) {
        const search = await core.dispatch('listPeople', { query: 'a' });
        expect(search.ok).toBe(true);
        searched++;
      }
    }
    // People in pages of 200 (three for 450), then a step per person's signals read.
    expect(count).toBeGreaterThan(450);
    expect(searched).toBeGreaterThan(4);
    await db.close();
  }, 120_000);

  it('matches the visits linked to nobody to people by e-mail a page of e-mails at a time, with turns between', async () => {
    const db = await demoDb(dir, { people: 450 });
    const repId = currentUser(db)?.id ?? null;
    const { orgTz } = readOrgHours(db);
    const turns = (): number => {
      const steps = allSignalEventsSteps(db, orgTz, repId);
      let n = 0;
      while (!steps.next().done) n++;
      return n;
    };
    const before = turns();
    // 450 visits the CRM linked to nobody, each visitor giving a known person's e-mail (a page
    // read each): the signals of people already read are unchanged; the e-mails to match grow.
    const raw = rawHandle(db);
    const emails = (
      raw.prepare('select email from people where email is not null limit 450').all() as {
        email: string;
      }[]
    ).map((p) => p.email);
    expect(emails.length).toBeGreaterThan(400);
    const visit = raw.prepare(
      'insert into visits (id, person_id, visitor_email, started_at) values (?, null, ?, ?)',
    );
    const page = raw.prepare(
      "insert into visit_pages (visit_id, url, viewed_at) values (?, 'https://example.test/', ?)",
    );
    emails.forEach((email, i) => {
      const at = TEST_NOW - (i + 1) * 3_600_000;
      visit.run(`unlinked-${i}`, ` ${email.toUpperCase()} `, at);
      page.run(`unlinked-${i}`, at + 60_000);
    });
    // A page of 200 e-mails a turn: three for 450, where the match was one step at the end.
    expect(turns() - before).toBeGreaterThanOrEqual(2);
    const paged = runSteps(allSignalEventsSteps(db, orgTz, repId));
    const whole = loadSignalEvents(db, orgTz, repId);
    expect([...paged.keys()]).toEqual([...whole.keys()]);
    expect(paged).toEqual(whole);
    await db.close();
  }, 120_000);
});
