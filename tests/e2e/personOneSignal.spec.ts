import { rawHandle } from '../../src/main/db/bulkHandle';
import { currentUser } from '../../src/main/core/session';
import { expect, test } from './webHostFixture';

// A person who engaged once: "When they engage" counts "1 signal", not "1 signals".

let personId = '';

test.use({
  beforeStart: {
    write: (db) => {
      const rep = currentUser(db);
      if (!rep) throw new Error('the demo has no rep');
      const raw = rawHandle(db);
      const id = raw
        .prepare(`select id from people where owner_id = ? order by id limit 1`)
        .pluck()
        .get(rep.id) as string | undefined;
      if (!id) throw new Error('the rep has no people');
      personId = id;
      const keep = raw
        .prepare(
          `select id from activities where person_id = ? and signal is not null
             and signal <> 'call_no_answer' and status = 'completed' order by started_at desc limit 1`,
        )
        .pluck()
        .get(id) as string | undefined;
      if (!keep) throw new Error('the person has no signal');
      raw.prepare(`delete from activities where person_id = ? and id <> ?`).run(id, keep);
    },
  },
});

test('a person with one signal reads “1 signal” when they engage', async ({ page, served }) => {
  await page.goto(`${served.openUrl}#/person/${personId}`);
  // The zone's label has its own brackets ("Berlin (UTC+1)"): it follows a colon, not a bracket.
  await expect(page.getByText(/^1 signal, their local time: [^()]+( \([^()]+\))?$/)).toBeVisible();
});
