import type { Kysely } from 'kysely';

// A kept day's window now keeps, beside its reason as worded that day, the index of its reason as
// read once the day is over ("the last one that day", not "today": dayPlanSnapshots' fifth
// index), because its evidence is not kept to word it again. Days kept by older versions have only
// the first: read on a later day, their reasons would say "the last one today" of a day long gone.
// They are given the fifth index once, here, by the words those versions wrote (frozen: the
// wording of reasons kept from now on is explainWindow's own, and may change without this).

/** The words older versions wrote of the reader's today, after "; ". */
const TODAY_WORDS = /; (?:the last one (today|yesterday)|last (\d+) days ago)(?=;|$)/;

function afterTheDay(reason: string): string {
  return reason.replace(TODAY_WORDS, (_all, word: string | undefined, days: string | undefined) =>
    word === 'today'
      ? '; the last one that day'
      : word === 'yesterday'
        ? '; the last one the day before'
        : `; the last one ${days ?? ''} days before that day`,
  );
}

type Window = number[];
interface Kept {
  reasons?: unknown;
  people?: unknown;
  was?: unknown;
}

/** The day's plan with every window of four given its fifth; null when nothing changes. */
function withReasonsAfterTheDay(plan: string): string | null {
  let kept: Kept;
  try {
    kept = JSON.parse(plan) as Kept;
  } catch {
    // An unreadable snapshot is read as no plan kept, as before: left as it is.
    return null;
  }
  if (!kept || !Array.isArray(kept.reasons)) return null;
  const reasons = kept.reasons as unknown[];
  const index = new Map<string, number>();
  reasons.forEach((r, i) => typeof r === 'string' && !index.has(r) && index.set(r, i));
  let changed = false;
  const give = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const w of list as unknown[]) {
      if (!Array.isArray(w) || w.length !== 4) continue;
      const reason = reasons[(w as Window)[3] as number];
      if (typeof reason !== 'string') continue;
      const over = afterTheDay(reason);
      let at = index.get(over);
      if (at === undefined) {
        at = reasons.length;
        reasons.push(over);
        index.set(over, at);
      }
      (w as Window).push(at);
      changed = true;
    }
  };
  for (const person of Array.isArray(kept.people) ? (kept.people as unknown[]) : []) {
    if (!Array.isArray(person)) continue;
    give(person[1]);
    give(person[2]);
  }
  for (const moved of Array.isArray(kept.was) ? (kept.was as unknown[]) : []) {
    if (Array.isArray(moved)) give(moved[3]);
  }
  return changed ? JSON.stringify(kept) : null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // One plan in memory at a time: a team's 92 kept days can hold a great many windows each.
  const keys = (await db.selectFrom('day_plans').select(['user_id', 'day']).execute()) as {
    user_id: string;
    day: string;
  }[];
  for (const key of keys) {
    const row = (await db
      .selectFrom('day_plans')
      .select('plan')
      .where('user_id', '=', key.user_id)
      .where('day', '=', key.day)
      .executeTakeFirst()) as { plan: string } | undefined;
    const plan = row ? withReasonsAfterTheDay(row.plan) : null;
    if (plan === null) continue;
    await db
      .updateTable('day_plans')
      .set({ plan })
      .where('user_id', '=', key.user_id)
      .where('day', '=', key.day)
      .execute();
  }
}
