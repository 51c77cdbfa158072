import { describe, expect, it } from 'vitest';
import type { TempDir } from '../fixtures/tempDb';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import {
  listHeldBack,
  NOT_HELD_BACK,
  retryHeldBack,
  retryHeldBackFromCrm,
} from '../../src/main/core/heldBackRecords';

// Settings' Retry of a record held back, signed in: Zoho's copy is read now (GET /Leads/{id}),
// not at the next sync, so a lead mended in Zoho is in the app at once; one still malformed, or
// gone from Zoho, or no answer by the deadline, is said in words and kept as it was.

let server: CrmTestServer;
let db: Db;
// eslint-disable-next-line @typescript-eslint/no-unused-vars
let dir: TempDir;

eachTestSyncEnv(
  'cw-held-back-now-',
  () => buildOrganisation(73, { leads: 4, contacts: 4, callsPerPerson: 1, visits: 1 }),
  (env) => {
    ({ server, db, dir } = env);
  },
);

const clock = () => server.data.clock;
const personNamed = (id: string): unknown =>
  rawHandle(db).prepare('select last_name from people where id = ?').pluck().get(id);

/** A lead Zoho sends without its Last_Name: the sync holds it back. */
async function heldBackLead(): Promise<string> {
  const lead = server.data.insert('Leads', {
    First_Name: 'Nora',
    Email: 'nora@x.test',
    Owner: { id: server.data.users[1]?.id },
  });
  await runSync(db, zohoSourceFor(server), { now: clock });
  expect(listHeldBack(db, 50).map((h) => h.recordId)).toEqual([lead.id]);
  return lead.id;
}

/** A lead the sync stored, then Zoho sends without its Last_Name: held back, its copy kept. */
async function storedThenHeldBack(first: string, last: string): Promise<string> {
  const lead = server.data.insert('Leads', {
    First_Name: first,
    Last_Name: last,
    Email: `${first.toLowerCase()}@x.test`,
    Owner: { id: server.data.users[1]?.id },
  });
  await runSync(db, zohoSourceFor(server), { now: clock });
  expect(personNamed(lead.id)).toBe(last);
  server.data.modify('Leads', lead.id, { Last_Name: null });
  await runSync(db, zohoSourceFor(server), { now: clock });
  expect(listHeldBack(db, 50).map((h) => h.recordId)).toEqual([lead.id]);
  expect(personNamed(lead.id)).toBe(last);
  return lead.id;
}

describe('Retry of a record held back reads it from Zoho now', () => {
  it('a lead mended in Zoho is stored on Retry, with no sync: held back no longer, on the people list', async () => {
    const id = await heldBackLead();
    server.data.modify('Leads', id, { Last_Name: 'Quist' });
    // The copy kept here is still the malformed one: read from it, the lead stays held back.
    expect(retryHeldBack(db, 'Leads', id, clock())).toBe(false);
    expect(personNamed(id)).toBeUndefined();

    const asked: string[] = [];
    server.beforeApiRequest = (path) => asked.push(path);
    expect(await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', id, clock)).toEqual({
      stored: true,
      changed: true,
      gone: null,
    });
    expect(asked).toEqual([expect.stringMatching(new RegExp(`^/crm/v8/Leads/${id}\\?fields=`))]);
    expect(listHeldBack(db, 50)).toEqual([]);
    expect(personNamed(id)).toBe('Quist');
  });

  it('one Zoho still sends malformed says so and why, and stays held back as it was', async () => {
    const id = await heldBackLead();
    await expect(
      retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', id, clock),
    ).rejects.toThrow(
      `Zoho still sends “Nora” (Leads ${id}) as this app cannot read it: Last_Name: is required (got nothing). Mend it in Zoho`,
    );
    expect(listHeldBack(db, 50).map((h) => h.recordId)).toEqual([id]);
    expect(personNamed(id)).toBeUndefined();
  });

  it('one Zoho holds no more (204) leaves the list, saying so, and nothing stored here goes with it', async () => {
    const id = await heldBackLead();
    server.data.remove('Leads', id);
    expect(await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', id, clock)).toEqual({
      stored: false,
      changed: false,
      gone: `Zoho holds no “Nora” (Leads ${id}) any more (deleted there, or not shared with your sign-in), so it is held back no longer.`,
    });
    expect(listHeldBack(db, 50)).toEqual([]);
    // The sync after agrees: its deletions hold nothing back again.
    await runSync(db, zohoSourceFor(server), { now: clock });
    expect(listHeldBack(db, 50)).toEqual([]);
  });

  it('a sync’s deletion pass lets go of a record held back that Zoho deleted, as Retry does on 204', async () => {
    const id = await heldBackLead();
    server.data.remove('Leads', id);
    await runSync(db, zohoSourceFor(server), { now: clock });
    expect(listHeldBack(db, 50)).toEqual([]);
  });

  it('a lead stored before, held back since, then deleted in Zoho: Retry takes its copy at once, saying so', async () => {
    const id = await storedThenHeldBack('Ida', 'Brandt');
    server.data.remove('Leads', id);
    const retried = await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', id, clock);
    expect(retried).toEqual({
      stored: false,
      changed: true,
      gone: `Zoho holds no “Ida” (Leads ${id}) any more (deleted there, or not shared with your sign-in), so it is held back no longer. Its copy here is gone too, from your people and your plans.`,
    });
    expect(listHeldBack(db, 50)).toEqual([]);
    expect(personNamed(id)).toBeUndefined();
    await runSync(db, zohoSourceFor(server), { now: clock });
    expect(personNamed(id)).toBeUndefined();
  });

  it('a lead stored before, held back since, then no longer shared with the sign-in (not deleted): Retry takes its copy, which no sync would', async () => {
    const id = await storedThenHeldBack('Ida', 'Brandt');
    server.data.unshare('Leads', id);
    const retried = await retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', id, clock);
    expect(retried.gone).toBe(
      `Zoho holds no “Ida” (Leads ${id}) any more (deleted there, or not shared with your sign-in), so it is held back no longer. Its copy here is gone too, from your people and your plans.`,
    );
    expect(personNamed(id)).toBeUndefined();
    // Zoho lists it nowhere, not among its deletions either: the sync after leaves it gone.
    await runSync(db, zohoSourceFor(server), { now: clock });
    expect(personNamed(id)).toBeUndefined();
    expect(listHeldBack(db, 50)).toEqual([]);
  });

  it('no answer by the deadline: said, and the record stays held back for the next sync', async () => {
    const id = await heldBackLead();
    server.data.modify('Leads', id, { Last_Name: 'Quist' });
    // Zoho never answers this one (released at the end, so the server can close).
    let release = (): void => undefined;
    const never = new Promise<void>((resolve) => (release = resolve));
    server.holdAnswer = (path) => (path.startsWith(`/crm/v8/Leads/${id}`) ? never : null);
    try {
      await expect(
        retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', id, clock, 200),
      ).rejects.toThrow(`Zoho could not be asked for “Nora” (Leads ${id}) now`);
    } finally {
      server.holdAnswer = null;
      release();
    }
    expect(listHeldBack(db, 50).map((h) => h.recordId)).toEqual([id]);
    expect(personNamed(id)).toBeUndefined();
  });

  it('one not held back is said so', async () => {
    await expect(
      retryHeldBackFromCrm(db, zohoSourceFor(server), 'Leads', 'no-such', clock),
    ).rejects.toThrow(NOT_HELD_BACK);
  });
});

describe('the test server’s GET /{module}/{id}, as Zoho documents it', () => {
  it('answers 200 with the one record in data, 204 for an id it lacks, 400 INVALID_MODULE for a module it lacks', async () => {
    const lead = server.data.insert('Leads', { Last_Name: 'Ohm', Email: 'ohm@x.test' });
    const grant = await fetch(`${server.url}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'cid',
        client_secret: 'secret',
        refresh_token: 'refresh',
      }),
    });
    const { access_token: token } = (await grant.json()) as { access_token: string };
    const get = (path: string) =>
      fetch(`${server.url}/crm/v8/${path}`, {
        headers: { Authorization: `Zoho-oauthtoken ${token}` },
      });
    const found = await get(`Leads/${lead.id}?fields=Last_Name,Email`);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({
      data: [{ id: lead.id, Last_Name: 'Ohm', Email: 'ohm@x.test' }],
    });
    const none = await get('Leads/999999999');
    expect(none.status).toBe(204);
    expect(await none.text()).toBe('');
    const module = await get('Nothing/1');
    expect(module.status).toBe(400);
    expect(await module.json()).toMatchObject({ code: 'INVALID_MODULE', status: 'error' });
  });
});
