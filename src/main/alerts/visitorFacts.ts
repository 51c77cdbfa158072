import { categoryOf } from '../../shared/visitorCategories';
import type { Db } from '../db/openDatabase';
import { dealFlagRows, earliestVisitRows, peopleFactsRows } from '../db/repos/alertVisits';
import { firstVisitsByEmail } from '../people/emailMatch';
import { fullName, personZone } from '../people/personZone';
import type { NameOf } from '../../shared/personName';
import type { VisitorFacts } from './alertEngine';

/** A person in the CRM as an alert and the Visits page show them. */
export interface KnownPerson extends VisitorFacts {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  /** Their zone (their own, inferred, else the organisation's): windows are placed in it. */
  zone: string;
}

/**
 * What the database knows of these people: category, owner, score, zone, and their first visit
 * when `firstVisits` asks for it (only rules about returning visitors need it): the CRM's, their
 * linked visits' and the visits linked to nobody whose visitor gave their e-mail (with the rep's
 * tie-break, as those visits are matched everywhere). With `ownerId`, only that owner's people:
 * the rest are left out, as unknown to the rules.
 */
export function loadPeople(
  db: Db,
  ids: Iterable<string>,
  orgTz: string,
  firstVisits: false | { repId: string },
  ownerId: string | null = null,
  /** "First Last" for the `alerts` command (a fixed interface); the app passes `shownName`. */
  nameOf: NameOf = fullName,
): Map<string, KnownPerson> {
  const rows = peopleFactsRows(db, [...new Set(ids)], ownerId);
  const wanted = rows.map((r) => r[0]);
  const deals = new Map(dealFlagRows(db, wanted).map((d) => [d.person_id, d]));
  const earliest = new Map<string, number>();
  if (firstVisits) {
    for (const v of earliestVisitRows(db, wanted)) earliest.set(v.person_id, v.first);
    const byEmail = firstVisitsByEmail(
      db,
      rows.map((r) => ({ id: r[0], email: r[4] })),
      firstVisits.repId,
    );
    for (const [id, first] of byEmail) earliest.set(id, Math.min(earliest.get(id) ?? first, first));
  }
  const out = new Map<string, KnownPerson>();
  for (const [
    id,
    firstName,
    lastName,
    company,
    email,
    phone,
    ownerId,
    score,
    firstVisitAt,
    timeZone,
    country,
  ] of rows) {
    const d = deals.get(id);
    const stored = earliest.get(id) ?? null;
    const known = [firstVisitAt, stored].filter((t): t is number => t !== null);
    out.set(id, {
      id,
      name: nameOf(firstName, lastName),
      company,
      email,
      phone,
      zone: personZone(timeZone, orgTz, country, phone),
      category: categoryOf(d?.won === 1, d?.open === 1),
      ownerId,
      score,
      earliestVisitAt: known.length ? Math.min(...known) : null,
    });
  }
  return out;
}
