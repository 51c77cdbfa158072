import { beforeEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { addVisit, eachTestAlertsOrg, MIN } from '../fixtures/alertsOrg';

// The person page said "Last visit … (N min ago)" of someone the Visits page and People showed
// on the website now. It says so now by the same rule (onTheWebsite.ts), read for the person's
// visits: linked to them, and linked to nobody under their e-mail.

const BERLIN = 'Europe/Berlin';
/** Berlin's clock on Sunday 25 October 2026, when 03:00 summer time turns back to 02:00. */
const berlin = (clock: string, offset: '+02:00' | '+01:00'): number =>
  DateTime.fromISO(`2026-10-25T${clock}${offset}`).toMillis();

let db: Db;
let core: Core;
let now: number;
beforeEach(() => {
  now = berlin('02:30', '+02:00');
});
eachTestAlertsOrg(
  'cw-person-onsite-',
  () => now,
  (env) => ({ db, core } = env),
);

/** Who the Visits page shows on the website now, and who their own pages say is. */
async function onSiteBothWays(ids: string[]): Promise<{ visits: string[]; pages: string[] }> {
  const listed = await core.handlers.listVisits({ scope: 'mine', limit: 50 });
  const pages: string[] = [];
  for (const id of ids) {
    const { onSiteUntil } = await core.handlers.getPerson({ id });
    if (onSiteUntil !== null && now < onSiteUntil) pages.push(id);
  }
  const visits = [...new Set(listed.onSite.flatMap((v) => (v.personId ? [v.personId] : [])))];
  return { visits: visits.sort(), pages: pages.sort() };
}

describe('the person page says "on the website now" as the Visits page does', () => {
  it('for a visit still being read and one matched by e-mail, until the same instant, across the night the clocks turn back', async () => {
    await core.handlers.setCurrentUser({ userId: 'rep' });
    // Lena reads pages from 02:40 to 02:55 summer time: no end reported yet.
    addVisit(db, {
      id: 'lena-reading',
      personId: 'p-lead',
      start: berlin('02:40', '+02:00'),
      pages: [
        ['/pricing', 0],
        ['/pricing/teams', 15],
      ],
    });
    // Dirk's visit, linked by the CRM to nobody, under his e-mail: ended at 02:45 winter time.
    addVisit(db, {
      id: 'dirk-by-email',
      email: 'DIRK@beta.example',
      start: berlin('02:20', '+01:00'),
      pages: [['/demo', 24]],
      ended: true,
    });
    const people = ['p-lead', 'p-deal', 'p-cust'];

    now = berlin('02:56', '+02:00');
    expect(await onSiteBothWays(people)).toEqual({ visits: ['p-lead'], pages: ['p-lead'] });
    // Lena was last seen at 02:55 summer time: a quarter of an hour later the clock reads 02:10
    // winter time, not 03:10.
    const lena = await core.handlers.getPerson({ id: 'p-lead' });
    expect(
      DateTime.fromMillis((lena.onSiteUntil ?? 0) - 1, { zone: BERLIN }).toFormat('HH:mm ZZZZ'),
    ).toBe('02:10 GMT+1');

    now = berlin('02:10', '+01:00');
    expect(await onSiteBothWays(people)).toEqual({ visits: ['p-lead'], pages: ['p-lead'] });
    now = berlin('02:10', '+01:00') + MIN;
    expect(await onSiteBothWays(people)).toEqual({ visits: [], pages: [] });

    now = berlin('02:50', '+01:00');
    expect(await onSiteBothWays(people)).toEqual({ visits: ['p-deal'], pages: ['p-deal'] });
    const dirk = await core.handlers.getPerson({ id: 'p-deal' });
    // Ended 02:45 (24 minutes of pages and one more): on the website until 03:00, then not.
    expect(
      DateTime.fromMillis((dirk.onSiteUntil ?? 0) - 1, { zone: BERLIN }).toFormat('HH:mm'),
    ).toBe('03:00');
    now = berlin('03:01', '+01:00');
    expect(await onSiteBothWays(people)).toEqual({ visits: [], pages: [] });
    expect((await core.handlers.getPerson({ id: 'p-deal' })).onSiteUntil).toBeNull();
  });
});
