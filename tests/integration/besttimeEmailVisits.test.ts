import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { loadSignalEvents } from '../../src/main/besttime/store/signalEvents';
import { addVisit, eachTestAlertsOrg, MIN } from '../fixtures/alertsOrg';

// BT-1, BT-9: chat starts and page views count as the contact's behaviour. A visit the CRM linked
// to nobody whose visitor gave a person's e-mail is that person's on their page, the Visits page,
// in the alerts and on the Team page, but the model read only the visits the CRM linked: Lena,
// who came to the website only under her e-mail, had no e-mail window at all, and her page listed
// the visits while "no window known" stood above them.

const BERLIN = 'Europe/Berlin';
/** The Monday after the clocks went back in Berlin (Sunday 2026-10-25, 03:00 CEST -> 02:00 CET). */
const AFTER_CHANGE = DateTime.fromISO('2026-11-02T12:00', { zone: BERLIN }).toMillis();

let db: Db;
let core: Core;
let now: number;
beforeEach(() => {
  now = AFTER_CHANGE;
});
eachTestAlertsOrg(
  'cw-besttime-email-',
  () => now,
  (env) => ({ db, core } = env),
);

/** An instant at a Berlin wall-clock time, e.g. '2026-10-20T10:05'. */
const berlin = (local: string): number => DateTime.fromISO(local, { zone: BERLIN }).toMillis();

function chat(id: string, visitId: string, personId: string | null, at: number): void {
  rawHandle(db)
    .prepare(
      'insert into chats (id, person_id, visit_id, operator_id, started_at, ended_at) values (?, ?, ?, null, ?, ?)',
    )
    .run(id, personId, visitId, at, at + 5 * MIN);
}

/** A visit linked to nobody, its visitor giving `email`, with two pages and a chat. */
function emailVisit(id: string, email: string, at: number): void {
  addVisit(db, {
    id,
    email,
    start: at,
    pages: [
      ['/pricing', 0],
      ['/pricing/teams', 2],
    ],
    ended: true,
  });
  chat(`chat-${id}`, id, null, at + MIN);
}

/** The person's e-mail windows as their page shows them. */
async function emailWindows(id: string) {
  const person = await core.handlers.getPerson({ id });
  return person.windows.filter((w) => w.channel === 'email');
}

/** Each of the person's signals as "type local-time" in Berlin, in time order. */
function signalsOf(personId: string): string[] {
  const events = loadSignalEvents(db, BERLIN, 'rep', [personId]).get(personId) ?? [];
  return [...events]
    .sort((a, b) => a.at - b.at || a.type.localeCompare(b.type))
    .map(
      (e) =>
        `${e.type} ${DateTime.fromMillis(e.at, { zone: BERLIN }).toFormat('yyyy-MM-dd HH:mm')}`,
    );
}

describe('visits matched by e-mail in the best time (BT-1, BT-9)', () => {
  it('gives a person with no linked visits an e-mail window, with its reason, from the visits their e-mail was given on', async () => {
    // Lena (a lead, no activity at all) came three Tuesdays at 10:05, typing her e-mail as a
    // visitor may: another case, spaces around.
    for (const [i, day] of ['2026-10-13', '2026-10-20', '2026-10-27'].entries())
      emailVisit(`lena-${i}`, '  Lena@Gamma.EXAMPLE ', berlin(`${day}T10:05`));
    await core.recomputeSuggestions();

    const tuesday = (await emailWindows('p-lead')).find((w) => w.weekday === 2 && w.rank === 1);
    expect(tuesday).toMatchObject({ startMin: 10 * 60, endMin: 11 * 60, timeZone: BERLIN });
    expect(tuesday?.reason).toMatch(
      /^started 3 chats and visited the site 3 times on Tuesdays 10:00-11:00; last 6 days ago/,
    );
    // The page that lists the visits now has the window they made.
    const page = await core.handlers.getPerson({ id: 'p-lead' });
    expect(page.visits.map((v) => v.id)).toEqual(['lena-2', 'lena-1', 'lena-0']);
  });

  it('counts a visit once: the CRM’s link wins over the e-mail given, and a shared e-mail goes to one person', async () => {
    // Linked by the CRM to Carla, though the visitor typed Lena's e-mail: Carla's only.
    addVisit(db, {
      id: 'carla-linked',
      personId: 'p-cust',
      email: 'lena@gamma.example',
      start: berlin('2026-10-21T15:00'),
      pages: [['/docs', 0]],
      ended: true,
    });
    // Linked to nobody, but its chat the CRM linked to Carla: the chat is Carla's, the pages Lena's.
    emailVisit('lena-own', 'lena@gamma.example', berlin('2026-10-22T09:30'));
    rawHandle(db).prepare("update chats set person_id = 'p-cust' where id = 'chat-lena-own'").run();
    // Dirk (a contact) and a lead of Otto's share an e-mail: the contact's, never both.
    rawHandle(db)
      .prepare(
        `insert into people (id, module, first_name, last_name, email, owner_id, time_zone,
           created_at, modified_at)
         values ('p-dup', 'lead', 'Dirk', 'Again', 'dirk@beta.example', 'rep2', 'Europe/Berlin', 0, 0)`,
      )
      .run();
    emailVisit('dirk-mail', 'dirk@beta.example', berlin('2026-10-23T11:00'));

    expect(signalsOf('p-lead')).toEqual([
      'page_visit 2026-10-22 09:30',
      'page_visit 2026-10-22 09:32',
    ]);
    expect(signalsOf('p-cust')).toEqual([
      'page_visit 2026-10-21 15:00',
      'chat_started 2026-10-22 09:31',
    ]);
    expect(signalsOf('p-deal')).toEqual([
      'page_visit 2026-10-23 11:00',
      'chat_started 2026-10-23 11:01',
      'page_visit 2026-10-23 11:02',
    ]);
    expect(signalsOf('p-dup')).toEqual([]);
    // Everyone's load gives each signal to the same one person as a load of some people does.
    const everyone = loadSignalEvents(db, BERLIN, 'rep');
    const total = [...everyone.values()].reduce((n, list) => n + list.length, 0);
    expect(total).toBe(2 + 2 + 3);
    expect(everyone.get('p-lead')).toHaveLength(2);
  });

  it('learns the hour in the person’s local time across a clock change', async () => {
    // 10:05 in Berlin before the clocks went back (08:05 UTC) and after (09:05 UTC).
    for (const [i, day] of ['2026-10-14', '2026-10-21', '2026-10-28'].entries())
      emailVisit(`lena-${i}`, 'lena@gamma.example', berlin(`${day}T10:05`));
    expect(new Date(berlin('2026-10-21T10:05')).getUTCHours()).toBe(8);
    expect(new Date(berlin('2026-10-28T10:05')).getUTCHours()).toBe(9);
    await core.recomputeSuggestions();

    const wednesday = (await emailWindows('p-lead')).find((w) => w.weekday === 3 && w.rank === 1);
    expect(wednesday).toMatchObject({ startMin: 10 * 60, endMin: 11 * 60, timeZone: BERLIN });
    expect(wednesday?.reason).toMatch(
      /^started 3 chats and visited the site 3 times on Wednesdays 10:00-11:00/,
    );
  });
});
