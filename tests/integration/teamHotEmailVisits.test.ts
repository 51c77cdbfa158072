import { describe, expect, it } from 'vitest';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { hotPeopleQuery } from '../../src/main/db/repos/people';
import { lastEmailVisitsQuery } from '../../src/main/db/repos/visits';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import { TeamViews } from '../../src/main/team/teamViews';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';

// A visit the CRM linked to nobody whose visitor gave a person's e-mail is that person's on the
// Visits page, in the alerts and in the planner's "on the website now": on the Team page's hot
// contacts not planned (TM-2) too.

let org: TeamOrg;
let views: TeamViews;
eachTestTeamOrg('cw-team-hot-email-', (env) => ({ org, views } = env));

const raw = () => rawHandle(org.db);
const day = (viewer: string, nowBerlin: string) =>
  views.schedule(org.user(viewer), {
    now: berlin(nowBerlin),
    orgTz: 'Europe/Berlin',
    settings: DEFAULT_SETTINGS,
  });
function email(personId: string, address: string): void {
  raw().prepare('update people set email = ? where id = ?').run(address, personId);
}
/** A visit the CRM linked to nobody, its visitor having given `address`. */
function emailVisit(address: string, atBerlin: string): void {
  const at = berlin(atBerlin);
  raw()
    .prepare(
      'insert into visits (id, person_id, visitor_email, started_at, ended_at, time_spent_s) values (?, null, ?, ?, ?, 60)',
    )
    .run(`ev-${address}-${at}`, address, at, at + 60_000);
}

describe('hot contacts not planned, by the e-mail a visitor gave (TM-2)', () => {
  it('lists a hot person whose only visit today the CRM linked to nobody but came with their e-mail', () => {
    org.person('h1', 'r1', { score: 80 });
    email('h1', 'kim@buyer.example');
    emailVisit('  Kim@Buyer.example ', '2026-11-23T09:30');
    org.person('h2', 'r2', { score: 30 }); // lukewarm: not hot for a visit by e-mail either
    email('h2', 'lou@buyer.example');
    emailVisit('lou@buyer.example', '2026-11-23T09:30');
    emailVisit('nobody@buyer.example', '2026-11-23T09:30'); // no such person

    const s = day('d', '2026-11-23T15:00');
    expect(s.hotVisitors).toBe(1);
    expect(s.unplannedHot.map((h) => [h.personId, h.ownerId, h.why])).toEqual([
      ['h1', 'r1', 'On the website at 09:30, visitor score 80; in no rep’s plan today'],
    ]);
  });

  it("takes a visit by e-mail as the later one of a person the CRM linked a visit to, and a shared e-mail's contact", () => {
    org.person('h1', 'r1', { score: 80 });
    email('h1', 'kim@buyer.example');
    org.visit('h1', '2026-11-23T09:00');
    emailVisit('kim@buyer.example', '2026-11-23T11:15');
    // A lead and the contact it became share an e-mail: the contact's visit (peopleByEmail).
    org.account('acc', 'Buyer GmbH', 'r2');
    org.person('lead', 'r1', { score: 90 });
    org.person('contact', 'r2', { score: 90, account: 'acc' });
    email('lead', 'sam@buyer.example');
    email('contact', 'sam@buyer.example');
    emailVisit('sam@buyer.example', '2026-11-23T10:00');
    // A visit of yesterday or of later than now is not today's so far.
    org.person('h3', 'r1', { score: 95 });
    email('h3', 'ida@buyer.example');
    emailVisit('ida@buyer.example', '2026-11-22T18:00');
    emailVisit('ida@buyer.example', '2026-11-23T16:00');

    const listed = day('d', '2026-11-23T15:00').unplannedHot;
    expect(listed.map((h) => [h.personId, h.lastVisitAt])).toEqual([
      ['contact', berlin('2026-11-23T10:00')],
      ['h1', berlin('2026-11-23T11:15')],
    ]);
    expect(listed[0]?.company).toBe('Buyer GmbH');
  });

  it('reads visits by e-mail through the time index and people by their key', () => {
    const visits = lastEmailVisitsQuery(
      org.db,
      berlin('2026-11-23T00:00'),
      berlin('2026-11-24T00:00'),
    );
    const plan = (q: { sql: string; parameters: readonly unknown[] }) =>
      (
        raw()
          .prepare(`explain query plan ${q.sql}`)
          .all(...q.parameters) as { detail: string }[]
      )
        .map((p) => p.detail)
        .join('\n');
    const visitsPlan = plan(visits);
    expect(visitsPlan).toMatch(
      /SEARCH visits USING INDEX visits_time \(started_at>\? AND started_at<\?\)/,
    );
    expect(visitsPlan).not.toMatch(/SCAN visits/);
    const people = plan(hotPeopleQuery(org.db, ['h1', 'h2'], 50));
    expect(people).toMatch(/SEARCH p USING INDEX sqlite_autoindex_people_1 \(id=\?\)/);
    expect(people).toMatch(/SEARCH d USING INDEX deals_person \(person_id=\?\)/);
    expect(people).not.toMatch(/SCAN (p|a|d)\b/);
  });
});
