// Raw: temporary triggers are this connection's own schema, which Kysely does not describe.
import { rawHandle } from '../../db/bulkHandle';
import type { Db } from '../../db/openDatabase';
import { dataVersion } from '../../db/repos/dataVersion';

/**
 * What the backtest reads (besttime/evaluation/backtest.ts): each table, with the columns it
 * reads where the table is also written for other reasons (a person's search text, their visit
 * summary), or every column (null).
 */
const INPUTS: readonly [table: string, columns: readonly string[] | null][] = [
  ['activities', null],
  ['chats', null],
  ['visits', null],
  ['visit_pages', null],
  ['people', ['id', 'module', 'email', 'phone', 'country', 'time_zone', 'owner_id']],
  ['users', null],
  ['shifts', null],
  ['organisation', null],
];
/** The one setting the backtest reads (settingsStore.ts). */
const SLOT_SETTING = 'slotMinutes';

/**
 * A token that changes whenever what a backtest reads may have changed: a write by this
 * connection to the signals, people, owners, shifts, the organisation's hours or the slot length
 * (counted by temporary triggers, which live and die with the connection), or a commit by any
 * other connection, e.g. a `sync` run from the command line (`PRAGMA data_version`, which cannot
 * tell tables apart). The app's other writes (the day plans kept while the planner is open,
 * alerts, marks, the outbox) leave it as it was. Equal tokens: a report computed then still holds.
 */
export function backtestInputsVersion(db: Db): () => string {
  const handle = rawHandle(db);
  handle.exec(`create temp table if not exists backtest_inputs (version integer not null);
    insert into backtest_inputs (version) select 0 where not exists (select 1 from backtest_inputs);`);
  const bump = 'begin update temp.backtest_inputs set version = version + 1; end';
  for (const [table, columns] of INPUTS) {
    const update = columns ? `update of ${columns.join(', ')}` : 'update';
    for (const [event, on] of [
      ['insert', 'insert'],
      ['update', update],
      ['delete', 'delete'],
    ] as const)
      handle.exec(
        `create temp trigger if not exists backtest_inputs_${table}_${event}
         after ${on} on main.${table} ${bump}`,
      );
  }
  for (const [event, row] of [
    ['insert', 'new'],
    ['update', 'new'],
    ['delete', 'old'],
  ] as const)
    handle.exec(
      `create temp trigger if not exists backtest_inputs_settings_${event}
       after ${event} on main.settings when ${row}.key = '${SLOT_SETTING}' ${bump}`,
    );
  const read = handle.prepare('select version from temp.backtest_inputs').pluck();
  return () => `${dataVersion(db)}:${read.get() as number}`;
}
