import { DateTime } from 'luxon';
import type { Random } from './random';

/**
 * A handful of the demo's visits the CRM linked to nobody, whose visitor typed a known person's
 * e-mail into a form or a chat (VT-2): the app knows them as that person, on the Visits page, in
 * the alerts, on the person's page and in the planner's "on the website now". Without them a demo
 * never showed that a visitor the CRM did not link is still somebody.
 */

/** A person of the demo, as the generator wrote them. */
export interface EmailVisitor {
  id: string;
  name: string;
  email: string;
  ownerId: string;
  zone: string;
  /** Visits the CRM linked to them. */
  visits: number;
  /** Their visitor score (null: no visit linked). */
  score: number | null;
}

export interface EmailVisitPlan {
  person: EmailVisitor;
  /** The e-mail as the visitor typed it. */
  typed: string;
  /** When it began; `now` for the one on the website now, whose pages end a minute before. */
  start: number;
  /** On the website when the demo is written (for the next quarter of an hour, onTheWebsite.ts). */
  onSite: boolean;
  /** The visitor chatted, and gave their e-mail there. */
  chat: boolean;
}

/** A hot visitor's score (the Team page's, unplannedHot.ts). */
const HOT_SCORE = 50;
const DAY = 86_400_000;
/** Printable ASCII without spaces: what SQLite's lower() and trim() fold as emailKey does. */
const FOLDABLE = /^[!-~]+$/;

/**
 * An e-mail as a visitor may type it: capitals, spaces around. The sync stores e-mails trimmed and
 * in lower case; these are as the visitor gave them, matched all the same.
 */
function typedEmail(email: string, n: number): string {
  const capitalised = email.replace(
    /(^|[.@-])([a-z])/g,
    (_, sep: string, c: string) => sep + c.toUpperCase(),
  );
  switch (n % 3) {
    case 0:
      return ` ${capitalised} `;
    case 1:
      return email.toUpperCase();
    default:
      return `${capitalised.split('@')[0] ?? ''}@${email.split('@')[1] ?? ''}  `;
  }
}

/**
 * Five visits by e-mail: one of the signed-in rep's returning visitors (hot when one is) on the
 * website at `now`, when it is day where they are; one of the rep's people on their first visit
 * yesterday or the day before, chatting; another of the rep's; two of other reps', in the last
 * four weeks. Daytime in each person's zone. Deterministic for the same `random`.
 */
export function planEmailVisits(
  random: Random,
  people: readonly EmailVisitor[],
  repId: string,
  now: number,
): EmailVisitPlan[] {
  const chosen = new Set<string>();
  const free = (p: EmailVisitor): boolean => !chosen.has(p.id) && FOLDABLE.test(p.email);
  const take = (pool: readonly EmailVisitor[]): EmailVisitor | null => {
    const left = pool.filter(free);
    if (left.length === 0) return null;
    const person = random.pick(left);
    chosen.add(person.id);
    return person;
  };
  const daytimeAgo = (person: EmailVisitor, days: number): number =>
    DateTime.fromMillis(now - days * DAY, { zone: person.zone })
      .set({ hour: random.int(9, 17), minute: random.int(0, 59), second: 0, millisecond: 0 })
      .toMillis();
  const plans: EmailVisitPlan[] = [];
  const add = (person: EmailVisitor | null, plan: Omit<EmailVisitPlan, 'person' | 'typed'>) => {
    if (person) plans.push({ person, typed: typedEmail(person.email, plans.length), ...plan });
  };

  const repsOwn = people.filter((p) => p.ownerId === repId);
  const awake = repsOwn.filter((p) => {
    const hour = DateTime.fromMillis(now, { zone: p.zone }).hour;
    return hour >= 8 && hour < 20 && p.visits > 0;
  });
  const hot = awake.filter((p) => (p.score ?? 0) >= HOT_SCORE);
  add(take(hot.some(free) ? hot : awake), { start: now, onSite: true, chat: false });

  const firstTimer = take(repsOwn.filter((p) => p.visits === 0));
  if (firstTimer)
    add(firstTimer, { start: daytimeAgo(firstTimer, random.int(1, 2)), onSite: false, chat: true });
  const returning = take(repsOwn.filter((p) => p.visits > 0));
  if (returning)
    add(returning, { start: daytimeAgo(returning, random.int(3, 12)), onSite: false, chat: false });
  const others = people.filter((p) => p.ownerId !== repId);
  for (let i = 0; i < 2; i++) {
    const other = take(others);
    if (other)
      add(other, { start: daytimeAgo(other, random.int(2, 27)), onSite: false, chat: false });
  }
  return plans;
}
