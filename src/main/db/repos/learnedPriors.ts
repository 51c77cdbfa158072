import type { Db } from '../openDatabase';
import type { LearnedPriorsTable } from '../schema';
import { first, run } from '../sqlRun';

/**
 * The `learned_priors` table: the one row of what the last full relearn learned from the whole
 * organisation (besttime/store/learnedPriors.ts encodes and checks it).
 */

export function learnedPriorsRow(db: Db): LearnedPriorsTable | undefined {
  return first(db, db.kysely.selectFrom('learned_priors').selectAll().where('id', '=', 1));
}

/** Call inside the transaction that writes the full relearn's windows. */
export function putLearnedPriors(db: Db, row: Omit<LearnedPriorsTable, 'id'>): void {
  run(
    db,
    db.kysely
      .insertInto('learned_priors')
      .values({ id: 1, ...row })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          model_version: row.model_version,
          learned_at: row.learned_at,
          priors: row.priors,
        }),
      ),
  );
}
