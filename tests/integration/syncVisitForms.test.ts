import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import { loadSignalEvents } from '../../src/main/besttime/store/signalEvents';
import { runSync } from '../../src/main/sync/syncEngine';
import { buildOrganisation, leadFields, Seeded } from '../crm-server/crmFactories';
import { zohoTime, type CrmDataSet, type ZRecord } from '../crm-server/crmDataSet';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import type { Db } from '../../src/main/db/openDatabase';

// BT-1 signal 9 from SalesIQ: a form submitted during a visit of a known lead or contact is "the
// contact submitted a web form", at the action's time. Before, only a lead Zoho's web form made
// gave the signal, once, at the lead's Created_Time: a contact's forms and a lead's second form
// taught the model nothing.

const BERLIN = 'Europe/Berlin';
const MIN = 60_000;
const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: BERLIN }).toMillis();
/** Monday 6 April 2026, noon in Berlin: a week after the clocks went forward (29 March). */
const NOW = berlin('2026-04-06T12:00');

let server: CrmTestServer;
let db: Db;
let core: Core | null = null;
eachTestSyncEnv(
  'cw-visit-forms-',
  () => buildOrganisation(44, {}, { salesIq: 'module' }),
  (env) => ({ server, db } = env),
);
afterEach(() => {
  core?.alerts.dispose();
  core = null;
});

const owner = { id: 'u2', name: 'Ren Rep' };

/** A contact of Ren Rep's with nothing else in the CRM: no calls, mails or visits. */
function quietContact(data: CrmDataSet): ZRecord {
  return data.insert(
    'Contacts',
    {
      First_Name: 'Fiona',
      Last_Name: 'Formfill',
      Email: 'fiona@forms.test',
      Phone: '+49 30 5550101',
      Mailing_Country: 'Germany',
      Owner: owner,
      Lead_Source: 'Cold Call',
    },
    berlin('2026-01-05T09:00'),
  );
}

/**
 * A SalesIQ visit of `person` (linked by `link`, or by nobody: the visitor gave their e-mail) that
 * began at `start`, with a page view and a form submitted
 * `formAfter` later (SalesIQ's sub-list of actions, each with its time; null: the form's has none).
 */
function visitWithForm(
  data: CrmDataSet,
  person: ZRecord,
  link: 'Contact_Name' | 'Lead_Name' | null,
  start: number,
  formAfter: number | null,
): ZRecord {
  return data.insert('Visits', {
    Name: `Visit of ${String(person['Last_Name'])}`,
    Visitor_Name: person['Last_Name'],
    Email: person['Email'],
    ...(link ? { [link]: { id: person.id, name: person['Last_Name'] } } : {}),
    IP_Address: '203.0.113.44',
    Visited_Time: zohoTime(start),
    Time_Spent: 6,
    Actions_Performed: [
      {
        Action_Type: 'Page Visited',
        Action_Performed_Time: zohoTime(start),
        Visited_Page: 'https://example.test/contact-us',
      },
      {
        Action_Type: 'Form Submitted',
        ...(formAfter === null ? {} : { Action_Performed_Time: zohoTime(start + formAfter) }),
      },
    ],
    Number_Of_Chats: 0,
  });
}

const formsOf = (personId: string): string[] =>
  (loadSignalEvents(db, BERLIN, null, [personId]).get(personId) ?? [])
    .filter((e) => e.type === 'web_form_submitted')
    .map((e) => DateTime.fromMillis(e.at, { zone: BERLIN }).toFormat('ccc yyyy-MM-dd HH:mm'));

describe('forms submitted during visits reach the best time (BT-1 signal 9)', () => {
  it("gives a contact who fills in forms an e-mail window at the forms' hour, across the change to summer time", async () => {
    const fiona = quietContact(server.data);
    // Three Tuesdays, each a visit from 16:02 with the form sent at 16:10 Berlin time: 15:10 UTC
    // in winter time (17 and 24 March), 14:10 UTC in summer time (31 March).
    for (const day of ['2026-03-17', '2026-03-24', '2026-03-31'])
      visitWithForm(server.data, fiona, 'Contact_Name', berlin(`${day}T16:02`), 8 * MIN);
    await runSync(db, zohoSourceFor(server));

    expect(formsOf(fiona.id)).toEqual([
      'Tue 2026-03-17 16:10',
      'Tue 2026-03-24 16:10',
      'Tue 2026-03-31 16:10',
    ]);
    core = createCore(db, () => NOW);
    await core.recomputeSuggestions();
    const { windows } = await core.handlers.getPerson({ id: fiona.id });
    // Her best e-mail window on Tuesdays is the forms' hour, and says why. (A call window needs
    // calls of her own: the model takes a form as evidence for e-mail, not for calls.)
    const email = windows.find((w) => w.channel === 'email' && w.weekday === 2 && w.rank === 1);
    expect(email).toMatchObject({ startMin: 16 * 60, endMin: 17 * 60 });
    expect(email?.reason).toMatch(
      /^submitted 3 web forms and visited the site 3 times on Tuesdays 16:00-17:00/,
    );
  });

  it("counts the form that made a lead once, at the form's time, and a visit synced again adds nothing", async () => {
    const rep = server.data.users.find((u) => u.id === 'u2');
    if (!rep) throw new Error('the test organisation has no u2');
    // Zoho's web form made the lead at 10:02; SalesIQ saw the form sent at 09:59 (one
    // submission), and the lead came back three weeks later to send another at 14:30.
    const lead = server.data.insert(
      'Leads',
      { ...leadFields(9401, rep, new Seeded(9401)), Lead_Source: 'Web Form' },
      berlin('2026-03-10T10:02'),
    );
    const first = visitWithForm(
      server.data,
      lead,
      'Lead_Name',
      berlin('2026-03-10T09:50'),
      9 * MIN,
    );
    // SalesIQ gives no time for this one: the visit's start stands in.
    visitWithForm(server.data, lead, 'Lead_Name', berlin('2026-03-31T14:30'), null);
    await runSync(db, zohoSourceFor(server));
    expect(formsOf(lead.id)).toEqual(['Tue 2026-03-10 09:59', 'Tue 2026-03-31 14:30']);

    // The first visit changes in SalesIQ (more time spent) and is synced again.
    server.data.modify('Visits', first.id, { Time_Spent: 9 });
    await runSync(db, zohoSourceFor(server));
    expect(formsOf(lead.id)).toEqual(['Tue 2026-03-10 09:59', 'Tue 2026-03-31 14:30']);
  });

  it('counts the form of a visit the CRM linked to nobody for the person whose e-mail the visitor gave', async () => {
    const fiona = quietContact(server.data);
    visitWithForm(server.data, fiona, null, berlin('2026-03-31T16:02'), 8 * MIN);
    await runSync(db, zohoSourceFor(server));
    expect(formsOf(fiona.id)).toEqual(['Tue 2026-03-31 16:10']);
  });
});
