import type { Db } from '../db/openDatabase';
import { firstEmailVisitRows, peopleByEmailRows } from '../db/repos/alertVisits';
import { emailKey } from '../../shared/emailKey';

/**
 * A visit the CRM linked to nobody is the person's whose e-mail the visitor gave: one rule for the
 * Visits page, the alerts, the `alerts` command and the person page, so that an alert opens a
 * person whose page shows the visit it was about.
 */

/**
 * The person each e-mail belongs to (keys as emailKey gives them). When a lead and a contact
 * share an e-mail, the contact (a converted lead's person); then the rep's own; then the lowest
 * id. One query, and none when no e-mail is given.
 */
export function peopleByEmail(
  db: Db,
  emails: Iterable<string>,
  repId: string | null,
): Map<string, string> {
  const wanted = [...new Set([...emails].map(emailKey).filter(Boolean))];
  if (wanted.length === 0) return new Map();
  // Without a rep (a database nobody has signed in to yet) nobody is "the rep's own".
  const own = (ownerId: string | null): boolean => repId !== null && ownerId === repId;
  const rank = (p: { module: string; owner_id: string | null; id: string }): string =>
    `${p.module === 'contact' ? 0 : 1}${own(p.owner_id) ? 0 : 1}${p.id}`;
  const best = new Map<string, { id: string; rank: string }>();
  for (const p of peopleByEmailRows(db, wanted)) {
    const key = emailKey(p.email);
    const r = rank(p);
    const held = best.get(key);
    if (!held || r < held.rank) best.set(key, { id: p.id, rank: r });
  }
  return new Map([...best].map(([email, p]) => [email, p.id]));
}

/**
 * The key of the e-mail by which visits the CRM linked to nobody are this person's, or null:
 * theirs, unless someone else who shares it takes it (peopleByEmail, for `repId`).
 */
export function ownEmailKey(
  db: Db,
  person: { id: string; email: string | null },
  repId: string | null,
): string | null {
  const key = person.email ? emailKey(person.email) : '';
  if (!key) return null;
  return peopleByEmail(db, [key], repId).get(key) === person.id ? key : null;
}

/**
 * Per person, their first visit among those the CRM linked to nobody whose visitor gave their
 * e-mail (as peopleByEmail gives it, for `repId`); people without such visits are left out. One
 * query for all their e-mails, and the tie-break only for those that have visits.
 */
export function firstVisitsByEmail(
  db: Db,
  people: Iterable<{ id: string; email: string | null }>,
  repId: string | null,
): Map<string, number> {
  const keyOf = new Map<string, string>();
  for (const p of people) {
    const key = p.email ? emailKey(p.email) : '';
    if (key) keyOf.set(p.id, key);
  }
  const firsts = new Map(
    firstEmailVisitRows(db, [...new Set(keyOf.values())]).map((r) => [r.key, r.first]),
  );
  const out = new Map<string, number>();
  if (firsts.size === 0) return out;
  const owners = peopleByEmail(db, firsts.keys(), repId);
  for (const [id, key] of keyOf) {
    const first = firsts.get(key);
    if (first !== undefined && owners.get(key) === id) out.set(id, first);
  }
  return out;
}
