import { shownName } from '../../shared/personName';
import type { Db } from '../db/openDatabase';
import { alertsWithoutPerson, setAlertPerson } from '../db/repos/alerts';
import { transaction } from '../db/sqlRun';
import { peopleByEmail } from '../people/emailMatch';
import { emailKey } from '../../shared/emailKey';
import { organisationHours } from './alertSettings';
import { loadPeople, type KnownPerson } from './visitorFacts';

/** How far back alerts raised without a person are looked at again (see linkAlertsToPeople). */
const LINK_ALERTS_WITHIN_MS = 30 * 86_400_000;

/** What an alert's payload says of whom it is about: filled in where it said nothing. */
const ABOUT = ['name', 'company', 'email', 'phone', 'zone'] as const;

function filledPayload(payload: string, person: KnownPerson): string {
  let said: Record<string, unknown>;
  try {
    said = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    said = { pages: [], score: null, bestWindow: null };
  }
  for (const key of ABOUT) said[key] ??= person[key];
  return JSON.stringify(said);
}

/**
 * Alerts raised while their visit had no person (a visit read before its lead, one whose visitor's
 * e-mail matched nobody yet) get the person the visit has now: the one the sync linked it to
 * (person links), else the one its visitor's e-mail is matched to by the one rule the Visits page
 * and the rules use (people/emailMatch.ts, for this rep). What the alert said stays as it was
 * raised (its rule, category, pages); only what it did not know (a name, a company, a way to
 * reach them) is filled in, and "Open person" then opens them. Returns how many were linked.
 */
export function linkAlertsToPeople(db: Db, repId: string, now: number): number {
  // Alerts are kept for good; those older than a month are history, not read on every sync.
  const waiting = alertsWithoutPerson(db, repId, now - LINK_ALERTS_WITHIN_MS);
  if (waiting.length === 0) return 0;
  const byEmail = peopleByEmail(
    db,
    waiting.flatMap((a) => (!a.person_id && a.visitor_email ? [a.visitor_email] : [])),
    repId,
  );
  const links = waiting.flatMap((a) => {
    const personId =
      a.person_id ?? (a.visitor_email ? byEmail.get(emailKey(a.visitor_email)) : undefined);
    return personId ? [{ ...a, personId }] : [];
  });
  if (links.length === 0) return 0;
  const people = loadPeople(
    db,
    links.map((l) => l.personId),
    organisationHours(db).zone,
    false,
    null,
    shownName,
  );
  let linked = 0;
  transaction(db, () => {
    for (const link of links) {
      const person = people.get(link.personId);
      if (!person) continue;
      setAlertPerson(db, link.id, person.id, filledPayload(link.payload, person));
      linked++;
    }
  });
  return linked;
}
