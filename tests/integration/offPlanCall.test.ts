import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';
import { rawHandle } from '../../src/main/db/bulkHandle';

// A rep logs a call from the person page with someone not on today's plan (no call windows yet:
// a lead who rang in, a referral). The call is work: in the timeline, taught to the model, sent to
// the CRM. But the person does not turn up as a done row of a plan they were never on, with a
// window the call itself taught and worked, and today's "done" does not count them; the windows
// the call taught plan the days after.

let db: Db;
let core: Core;
let repTz = 'UTC';
allTestsDemoCore((env) => ({ db, core } = env), { relearn: true });
beforeAll(async () => {
  const session = await core.handlers.getSession({});
  const rep = session.currentUser;
  if (!rep) throw new Error('the demo signs nobody in');
  repTz = rep.timeZone;
  const add = rawHandle(db).prepare(
    `insert into people (id, module, first_name, last_name, email, phone, company, owner_id,
       time_zone, created_at, modified_at)
     values (?, 'lead', ?, 'Newcomer', ?, '+49 30 5550 1234', 'Newco', ?, 'Europe/Berlin', ?, ?)`,
  );
  for (const [id, name] of [
    ['off-answered', 'Nora'],
    ['off-busy', 'Nils'],
  ])
    add.run(id, name, `${id}@newco.example`, rep.id, TEST_NOW - 7_200_000, TEST_NOW - 7_200_000);
});

const rowsOf = async (personId: string, date?: string) =>
  (await core.handlers.getPlanner(date ? { date } : {})).rows.filter(
    (r) => r.personId === personId,
  );
const doneCount = async (): Promise<number> =>
  (await core.handlers.getPlanner({})).rows.filter((r) => r.action === 'done').length;

describe('a call logged with someone not on today’s plan', () => {
  it('is logged and learned from, but puts no done row on today’s plan, nor counts as done', async () => {
    expect(await rowsOf('off-answered')).toEqual([]);
    expect((await core.handlers.getPerson({ id: 'off-answered' })).callToday).toMatchObject({
      onPlan: false,
      mark: null,
    });
    const done = await doneCount();

    await core.handlers.logCall({
      personId: 'off-answered',
      outcome: 'answered',
      durationMin: 5,
      note: 'Rang in about the offer',
    });
    const person = await core.handlers.getPerson({ id: 'off-answered' });
    expect(person.timeline[0]).toMatchObject({ kind: 'call' });
    // The call taught the model: they have call windows now…
    expect(person.windows.some((w) => w.channel === 'call')).toBe(true);
    // …which plan the days after, not today around the call itself.
    expect(await rowsOf('off-answered')).toEqual([]);
    expect(await doneCount()).toBe(done);
    expect(person.callToday).toMatchObject({ onPlan: false, mark: null });
    const tomorrow = DateTime.fromMillis(TEST_NOW, { zone: repTz }).plus({ days: 1 }).toISODate();
    expect((await rowsOf('off-answered', tomorrow ?? '')).some((r) => r.channel === 'call')).toBe(
      true,
    );

    // Another call the same day, now that they have windows: still off today's plan.
    await core.handlers.logCall({
      personId: 'off-answered',
      outcome: 'answered',
      durationMin: 3,
      note: 'Called back with the figures',
    });
    expect(await rowsOf('off-answered')).toEqual([]);
    expect(await doneCount()).toBe(done);
    expect((await core.handlers.getPerson({ id: 'off-answered' })).callToday).toMatchObject({
      onPlan: false,
      mark: null,
    });
  });

  it('is logged when it went unanswered, and leaves them off the plan too', async () => {
    await core.handlers.logCall({ personId: 'off-busy', outcome: 'busy', note: '' });
    expect(await rowsOf('off-busy')).toEqual([]);
    const person = await core.handlers.getPerson({ id: 'off-busy' });
    expect(person.timeline[0]).toMatchObject({ kind: 'call' });
    expect(person.callToday).toMatchObject({ onPlan: false, mark: null });
  });

  it('still marks done the call row of someone on the plan', async () => {
    const plan = await core.handlers.getPlanner({});
    const row = plan.rows.find((r) => r.channel === 'call' && r.action === null);
    if (!row) throw new Error('no call row to log');
    await core.handlers.logCall({
      personId: row.personId,
      outcome: 'answered',
      durationMin: 4,
      note: '',
    });
    expect((await rowsOf(row.personId)).find((r) => r.channel === 'call')?.action).toBe('done');
  });
});
