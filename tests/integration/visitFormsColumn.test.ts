import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { LocalStore } from '../../src/main/sync/localStore';
import { allSignalEventsSteps, loadSignalEvents } from '../../src/main/besttime/store/signalEvents';
import { runSteps } from '../../src/main/besttime/model/steps';
import type { LocalWrite } from '../../src/main/crm/crmSource';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';
import { personWrite } from '../fixtures/personWrite';

// BT-1 signal 9 from a visit's actions, found through `visits.has_form` (migration 032) and its
// partial index instead of every visit's actions text read again at each relearn and backtest.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const TUE_10 = Date.parse('2026-11-03T10:00:00Z');
const DAY = 86_400_000;

/** SalesIQ's sub-list of actions, as the sync stores it (JSON), with one action of `type`. */
const actionList = (type: string, at: number): string =>
  JSON.stringify([{ Action_Type: type, Action_Performed_Time: new Date(at).toISOString() }]);

const formsOf = (events: Map<string, { type: string; at: number }[]>, id: string): number[] =>
  (events.get(id) ?? []).filter((e) => e.type === 'web_form_submitted').map((e) => e.at);

function visitWrite(id: string, personId: string | null, at: number, actions: string | null) {
  return {
    table: 'visits' as const,
    row: {
      id,
      person_id: personId,
      visitor_name: null,
      visitor_email: personId ? null : 'Lund@Example.test ',
      ip: null,
      started_at: at,
      ended_at: null,
      time_spent_s: 0,
      referrer: null,
      search_engine: null,
      search_keyword: null,
      actions,
      modified_at: at,
    },
    pages: [],
    chats: [],
  } satisfies LocalWrite;
}

describe('visits with a form (migration 032)', () => {
  it('still teaches the forms of visits stored before the upgrade, and only those', async () => {
    const file = dir.file('visit-forms.db');
    const { raw, done } = await databaseBefore(file, 'visit_forms');
    raw
      .prepare(
        `insert into people (id, module, last_name, email, created_at, modified_at)
         values ('p1', 'lead', 'Lund', 'lund@example.test', 0, 0)`,
      )
      .run();
    const visit = raw.prepare(
      'insert into visits (id, person_id, visitor_email, started_at, actions) values (?, ?, ?, ?, ?)',
    );
    // Forms, in both of SalesIQ's shapes, one on a visit the CRM linked to nobody.
    visit.run('v-text', 'p1', null, TUE_10, 'Viewed pricing\nForm Submitted');
    visit.run(
      'v-json',
      'p1',
      null,
      TUE_10 + DAY,
      actionList('Form Submitted', TUE_10 + DAY + 60_000),
    );
    visit.run(
      'v-email',
      null,
      ' LUND@example.test',
      TUE_10 + 2 * DAY,
      'Submitted the contact form',
    );
    // The old filter's words that are no forms: an address, "information", "platform".
    visit.run('v-url', 'p1', null, TUE_10 + 3 * DAY, 'Viewed https://example.test/forms/demo');
    visit.run('v-info', 'p1', null, TUE_10 + 4 * DAY, 'Read the information page');
    visit.run('v-platform', 'p1', null, TUE_10 + 5 * DAY, actionList('Visited /platform', 0));
    visit.run('v-none', 'p1', null, TUE_10 + 6 * DAY, null);
    await done();

    const db = await openDatabase(file);
    expect(
      rawHandle(db).prepare('select id, has_form from visits order by rowid').raw().all(),
    ).toEqual([
      ['v-text', 1],
      ['v-json', 1],
      ['v-email', 1],
      ['v-url', 0],
      ['v-info', 0],
      ['v-platform', 0],
      ['v-none', 0],
    ]);
    const expected = [TUE_10, TUE_10 + DAY + 60_000, TUE_10 + 2 * DAY];
    expect(formsOf(loadSignalEvents(db, 'Europe/Berlin', null), 'p1')).toEqual(expected);
    expect(formsOf(loadSignalEvents(db, 'Europe/Berlin', null, ['p1']), 'p1')).toEqual(expected);
    expect(formsOf(runSteps(allSignalEventsSteps(db, 'Europe/Berlin', null)), 'p1')).toEqual(
      expected,
    );
    await db.close();
  });

  it('is kept by the sync: a visit synced again without its form teaches it no more', async () => {
    const db = await openDatabase(dir.file('visit-forms-sync.db'));
    const store = new LocalStore(db);
    store.apply([{ table: 'people', row: personWrite('p1', 'Lund') }]);
    store.apply([
      visitWrite('v1', 'p1', TUE_10, actionList('Form Submitted', TUE_10 + 60_000)),
      visitWrite('v2', 'p1', TUE_10 + DAY, 'Visited /platform'),
    ]);
    const hasForm = () =>
      rawHandle(db).prepare('select id, has_form from visits order by id').raw().all();
    expect(hasForm()).toEqual([
      ['v1', 1],
      ['v2', 0],
    ]);
    expect(formsOf(loadSignalEvents(db, 'Europe/Berlin', null), 'p1')).toEqual([TUE_10 + 60_000]);

    // SalesIQ's newer copy of each: the first without its form, the second with one.
    const later = (w: ReturnType<typeof visitWrite>) => ({
      ...w,
      row: { ...w.row, modified_at: TUE_10 + 10 * DAY },
    });
    store.apply([
      later(visitWrite('v1', 'p1', TUE_10, 'Viewed pricing')),
      later(visitWrite('v2', 'p1', TUE_10 + DAY, 'Form Submitted')),
    ]);
    expect(hasForm()).toEqual([
      ['v1', 0],
      ['v2', 1],
    ]);
    expect(formsOf(loadSignalEvents(db, 'Europe/Berlin', null), 'p1')).toEqual([TUE_10 + DAY]);
    await db.close();
  });

  it("reads the form visits through the partial index, in the relearn's, a refit's and the backtest's queries", async () => {
    const db = await openDatabase(dir.file('visit-forms-plan.db'));
    const handle = rawHandle(db);
    const prepared: string[] = [];
    const prepare = handle.prepare.bind(handle);
    const spy = vi.spyOn(handle, 'prepare').mockImplementation((source: string) => {
      prepared.push(source);
      return prepare(source);
    });
    loadSignalEvents(db, 'Europe/Berlin', null);
    loadSignalEvents(db, 'Europe/Berlin', null, ['p1']);
    runSteps(allSignalEventsSteps(db, 'Europe/Berlin', null));
    spy.mockRestore();
    const formQueries = prepared.filter((s) => s.includes('v.actions'));
    // The people's, the e-mails' (whole, by keys, and paged) and the backtest's paged people's.
    expect(formQueries.length).toBeGreaterThanOrEqual(4);
    for (const source of formQueries) {
      const plan = handle
        .prepare(`explain query plan ${source}`)
        .all(...Array.from({ length: (source.match(/\?/g) ?? []).length }, () => '[]'))
        .map((row) => (row as { detail: string }).detail)
        .join('\n');
      expect(plan, source).toMatch(/visits_forms/);
      expect(plan, source).not.toMatch(/SCAN v\b(?! USING)/);
    }
    await db.close();
  });
});
