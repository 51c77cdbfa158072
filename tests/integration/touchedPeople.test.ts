import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { TouchedPeople } from '../../src/main/sync/touchedPeople';
import { createCore } from '../../src/main/core/createCore';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let db: Db;

beforeEach(async () => {
  dir = makeTempDir('cw-touched-');
  db = await demoDb(dir, { people: 20 });
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

describe('the people a sync touched, to relearn', () => {
  it("counts a deleted call or visit: it shaped that person's windows as much as a new one", () => {
    const raw = rawHandle(db);
    const call = raw
      .prepare("select id, person_id from activities where kind = 'call' limit 1")
      .get() as { id: string; person_id: string };
    const visit = raw
      .prepare(
        'select id, person_id from visits where person_id is not null and person_id != ? limit 1',
      )
      .get(call.person_id) as { id: string; person_id: string };
    const touched = new TouchedPeople(db);
    touched.attach();
    raw.prepare('delete from activities where id = ?').run(call.id);
    raw.prepare('delete from visits where id = ?').run(visit.id);
    expect(touched.take().sort()).toEqual([call.person_id, visit.person_id].sort());
    expect(touched.take()).toEqual([]);
    touched.detach();
    raw.prepare('delete from activities where person_id = ?').run(call.person_id);
    touched.attach();
    expect(touched.take()).toEqual([]);
  });

  it('counts a rewrite only when it changed something, and both people when a call moves', () => {
    const raw = rawHandle(db);
    const call = raw
      .prepare("select id, person_id, subject from activities where kind = 'call' limit 1")
      .get() as { id: string; person_id: string; subject: string | null };
    const other = raw
      .prepare('select id from people where id != ? limit 1')
      .pluck()
      .get(call.person_id) as string;
    const touched = new TouchedPeople(db);
    touched.attach();
    // What a sync does with the record it reads again at a page's end: the same values.
    raw
      .prepare('update activities set subject = subject, person_id = person_id where id = ?')
      .run(call.id);
    raw.prepare('update people set last_name = last_name where id = ?').run(other);
    expect(touched.take()).toEqual([]);
    raw
      .prepare("update activities set subject = coalesce(subject, '') || '!' where id = ?")
      .run(call.id);
    expect(touched.take()).toEqual([call.person_id]);
    raw.prepare('update activities set person_id = ? where id = ?').run(other, call.id);
    expect(touched.take().sort()).toEqual([call.person_id, other].sort());
    touched.detach();
  });

  it('relearns cleanly when a touched person was deleted with their activities', async () => {
    const raw = rawHandle(db);
    const core = createCore(db, () => TEST_NOW);
    await core.recomputeSuggestions();
    const gone = raw
      .prepare("select person_id from activities where kind = 'call' limit 1")
      .pluck()
      .get() as string;
    const touched = new TouchedPeople(db);
    touched.attach();
    raw.prepare('delete from people where id = ?').run(gone);
    const ids = touched.take();
    await expect(core.recomputeSuggestionsFor(ids)).resolves.toBeDefined();
    expect(
      raw.prepare('select count(*) from best_time_windows where person_id = ?').pluck().get(gone),
    ).toBe(0);
  });

  it('counts the people whose e-mail a visit linked to nobody was given on: its pages are their signals', () => {
    const raw = rawHandle(db);
    const person = raw
      .prepare('select id, email from people where email is not null limit 1')
      .get() as { id: string; email: string };
    const touched = new TouchedPeople(db);
    touched.attach();
    const insert = raw.prepare(
      'insert into visits (id, person_id, visitor_email, started_at) values (?, null, ?, ?)',
    );
    insert.run('mail-1', ` ${person.email.toUpperCase()} `, TEST_NOW);
    insert.run('mail-2', 'nobody@nowhere.example', TEST_NOW);
    insert.run('anon', null, TEST_NOW);
    expect(touched.take()).toEqual([person.id]);
    // Rewritten as it was: nobody; its end moved (a page more): the person again.
    raw.prepare("update visits set ended_at = ended_at where id = 'mail-1'").run();
    expect(touched.take()).toEqual([]);
    raw.prepare("update visits set ended_at = ? where id = 'mail-1'").run(TEST_NOW + 60_000);
    expect(touched.take()).toEqual([person.id]);
    raw.prepare("delete from visits where id = 'mail-1'").run();
    expect(touched.take()).toEqual([person.id]);
    touched.detach();
  });
});
