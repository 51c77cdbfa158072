import type { PullContext } from './pullContext';
import { readState, writeState } from './syncState';

/** A person to read, with the state write that records them done (run in their last transaction). */
export interface Turn<P> {
  person: P;
  advance: () => void;
}

/**
 * Up to `limit` people in id order after where the rotation kept under `key` stands, wrapping
 * around once: a sweep that reaches everyone in turn, a few a run. Each turn moves the rotation
 * past its person. `stamp`: the rotation's state says when it last moved (else it stays out of
 * what "last synced" reads).
 */
export function personRotation<P extends { id: string }>(
  ctx: PullContext,
  key: string,
  limit: number,
  list: (after: string, limit: number) => P[],
  stamp: boolean,
): Turn<P>[] {
  if (limit <= 0) return [];
  const after = readState<{ after: string }>(ctx.db, key).cursor?.after ?? '';
  let people = list(after, limit);
  if (people.length < limit && after !== '') {
    const seen = new Set(people.map((p) => p.id));
    people = people.concat(list('', limit - people.length).filter((p) => !seen.has(p.id)));
  }
  return people.map((person) => ({
    person,
    advance: () => {
      const at = ctx.now();
      writeState(
        ctx.db,
        key,
        { watermark: null, cursor: { after: person.id }, lastSuccessAt: stamp ? at : null },
        at,
      );
    },
  }));
}
