import type { Statement } from 'better-sqlite3';
import type { Compilable, CompiledQuery } from 'kysely';
import { rawHandle, type RawHandle } from './bulkHandle';
import type { Db } from './openDatabase';

// Kysely builds and types the query; better-sqlite3 runs it synchronously, so a transaction is
// one synchronous block that nothing else can interleave with (an awaiting Kysely transaction
// silently absorbed other writers' commits as savepoints).

/** Statements prepared once per connection and SQL text; queries whose text varies (long `in`
 * lists) are few, and the cap keeps them from growing without end. */
const CACHE_LIMIT = 500;
const caches = new WeakMap<RawHandle, Map<string, Statement>>();

/** A query builder, or a compiled `sql` template (`sql\`…\`.compile(db.kysely)`). */
type Query<R> = Compilable<R> | CompiledQuery<R>;

function compiled<R>(query: Query<R>): CompiledQuery<R> {
  return 'compile' in query ? query.compile() : query;
}

function statement(db: Db, sql: string): Statement {
  const raw = rawHandle(db);
  let cache = caches.get(raw);
  if (!cache) {
    cache = new Map();
    caches.set(raw, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = raw.prepare(sql);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(sql, s);
  }
  return s;
}

/** Every row of a query. */
export function all<R>(db: Db, query: Query<R>): R[] {
  const { sql, parameters } = compiled(query);
  return statement(db, sql).all(...parameters) as R[];
}

/** The rows of a query one at a time, for long results read once. */
export function iterate<R>(db: Db, query: Query<R>): IterableIterator<R> {
  const { sql, parameters } = compiled(query);
  return statement(db, sql).iterate(...parameters) as IterableIterator<R>;
}

/** The first row of a query, or undefined. */
export function first<R>(db: Db, query: Query<R>): R | undefined {
  const { sql, parameters } = compiled(query);
  return statement(db, sql).get(...parameters) as R | undefined;
}

/** Runs a write; with `returning`, use `all` or `first` instead. */
export function run(db: Db, query: Query<unknown>): { changes: number } {
  const { sql, parameters } = compiled(query);
  return { changes: statement(db, sql).run(...parameters).changes };
}

/**
 * Runs `fn` in one synchronous transaction: committed when it returns, rolled back when it
 * throws; nested calls become savepoints. `fn` must not be async (better-sqlite3 would commit at
 * its first await; it refuses a function that returns a promise, and rolls back).
 */
export function transaction<T>(db: Db, fn: () => T): T {
  return rawHandle(db).transaction(fn)();
}

/** Whether the connection is still open: work that awaited a turn may find its data set closed. */
export function isOpen(db: Db): boolean {
  return rawHandle(db).open;
}
