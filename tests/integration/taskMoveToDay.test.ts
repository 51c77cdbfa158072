import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { berlinOrganisation } from '../fixtures/berlinTasks';
import { createCore } from '../../src/main/core/createCore';
import { runSync } from '../../src/main/sync/syncEngine';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';

/*
 * "Move to…" moves a task to a day on the rep's calendar (changeTask's `dueDate`), and Zoho gets
 * that day as Due_Date, as it is: whatever the organisation's zone, and over a clock change.
 */

let server: CrmTestServer;
let db: Db;

eachTestSyncEnv('cw-task-move-day-', berlinOrganisation, (e) => ({ server, db } = e));

const TOKYO = 'Asia/Tokyo';
const NEW_YORK = 'America/New_York';

/** Ren Rep (u2), signed in, works from `zone`; the organisation is run from `orgZone`. */
function repIn(zone: string, orgZone = 'Europe/Berlin'): void {
  server.data.org = { ...server.data.org, time_zone: orgZone };
  const rep = server.data.users.find((u) => u.id === 'u2');
  if (!rep) throw new Error('no rep u2');
  rep.time_zone = zone;
  server.data.currentUserId = 'u2';
}

/** A task of Ren Rep's open in Zoho, due `due`, with the first contact. */
function openTaskDue(due: string): string {
  const contact = [...server.data.table('Contacts').values()][0];
  if (!contact) throw new Error('no contacts');
  return server.data.insert('Tasks', {
    Subject: 'Send the signed offer',
    Due_Date: due,
    Status: 'Not Started',
    Closed_Time: null,
    Who_Id: { id: contact.id, name: contact['Last_Name'] },
    Owner: { id: 'u2', name: 'Ren Rep' },
  }).id;
}

const local = (id: string): { started_at: number; due_date: string | null } | undefined =>
  rawHandle(db).prepare('select started_at, due_date from activities where id = ?').get(id) as
    { started_at: number; due_date: string | null } | undefined;
const inZoho = (id: string): unknown => server.data.table('Tasks').get(id)?.['Due_Date'];
const taskEntries = (): number =>
  rawHandle(db).prepare("select count(*) from outbox where kind = 'task'").pluck().get() as number;

describe('a task moved to a day', () => {
  it.each([
    ['Europe/Berlin', 'Monday 00:00 in Berlin'],
    [NEW_YORK, 'still Sunday 18:00 in New York'],
  ])(
    'a Tokyo rep at 08:00 on Monday 23 Nov (org in %s, %s) picks Tomorrow (Tue 24 Nov): Zoho gets Due_Date 2026-11-24',
    async (orgZone) => {
      repIn(TOKYO, orgZone);
      const source = zohoSourceFor(server);
      const id = openTaskDue('2026-11-20');
      const now = DateTime.fromISO('2026-11-23T08:00', { zone: TOKYO }).toMillis();
      await runSync(db, source, { now: () => now });
      const core = createCore(db, () => now);

      const days = await core.handlers.getTaskMoveDays({});
      expect(days).toEqual({
        today: '2026-11-23',
        tomorrow: '2026-11-24',
        nextWorkingDay: '2026-11-24',
      });
      await core.handlers.changeTask({ activityId: id, action: 'move', dueDate: days.tomorrow });
      expect(local(id)?.due_date).toBe('2026-11-24');

      await runSync(db, source, { now: () => now + 60_000 });
      expect(inZoho(id)).toBe('2026-11-24');
      // Zoho's copy, read back after an edit there, is due that day too.
      server.data.modify('Tasks', id, { Subject: 'Send the signed offer (v2)' });
      await runSync(db, source, { now: () => now + 120_000 });
      expect(local(id)?.due_date).toBe('2026-11-24');
      expect(inZoho(id)).toBe('2026-11-24');
    },
  );

  it('a New York rep on Friday 23 Oct picks the next working day, Monday 26 Oct, after Europe’s clocks go back: Zoho gets 2026-10-26, and the task stays there', async () => {
    repIn(NEW_YORK);
    const source = zohoSourceFor(server);
    const id = openTaskDue('2026-10-22');
    const friday4pm = DateTime.fromISO('2026-10-23T16:00', { zone: NEW_YORK }).toMillis();
    await runSync(db, source, { now: () => friday4pm });
    const core = createCore(db, () => friday4pm);

    const days = await core.handlers.getTaskMoveDays({});
    expect(days).toEqual({
      today: '2026-10-23',
      tomorrow: '2026-10-24',
      nextWorkingDay: '2026-10-26',
    });
    await core.handlers.changeTask({
      activityId: id,
      action: 'move',
      dueDate: days.nextWorkingDay ?? '',
    });
    // Placed as Zoho's Due_Date is read: 09:00 in Berlin, winter time by then (08:00 UTC).
    expect(local(id)).toEqual({
      due_date: '2026-10-26',
      started_at: Date.UTC(2026, 9, 26, 8, 0),
    });

    await runSync(db, source, { now: () => friday4pm + 60_000 });
    expect(inZoho(id)).toBe('2026-10-26');
    server.data.modify('Tasks', id, { Subject: 'Send the signed offer (v2)' });
    await runSync(db, source, { now: () => friday4pm + 120_000 });
    expect(local(id)).toEqual({
      due_date: '2026-10-26',
      started_at: Date.UTC(2026, 9, 26, 8, 0),
    });
  });

  it('refuses a day over on the rep’s clock, the day the task is due already, and a date that is none, saying so, and sends nothing', async () => {
    repIn(TOKYO, NEW_YORK);
    const source = zohoSourceFor(server);
    const id = openTaskDue('2026-11-25');
    const now = DateTime.fromISO('2026-11-23T08:00', { zone: TOKYO }).toMillis();
    await runSync(db, source, { now: () => now });
    const core = createCore(db, () => now);
    const move = (dueDate: string) =>
      core.handlers.changeTask({ activityId: id, action: 'move', dueDate });

    // Sunday is still on in New York, where the organisation is; it is over in Tokyo.
    await expect(move('2026-11-22')).rejects.toThrow(
      'The task “Send the signed offer” cannot be moved to Sun 22 Nov: that day has passed. Choose today or a later day.',
    );
    await expect(move('2026-11-25')).rejects.toThrow(
      'The task “Send the signed offer” is due Wed 25 Nov already: nothing changed.',
    );
    await expect(move('2026-02-30')).rejects.toThrow(
      'The task “Send the signed offer” cannot be moved to 2026-02-30: that is no date. Choose a day.',
    );
    expect(taskEntries()).toBe(0);
    expect(local(id)?.due_date).toBe('2026-11-25');
    await runSync(db, source, { now: () => now + 60_000 });
    expect(inZoho(id)).toBe('2026-11-25');
    expect(
      server.requests.filter((r) => r.method === 'PUT' && r.path === '/crm/v8/Tasks'),
    ).toHaveLength(0);
  });

  it('refuses to move a task Zoho gives no due date to the day it is placed on, on the rep’s clock, across New York’s 25-hour Sunday: nothing changes, nothing is sent', async () => {
    repIn(NEW_YORK);
    const source = zohoSourceFor(server);
    const contact = [...server.data.table('Contacts').values()][0];
    if (!contact) throw new Error('no contacts');
    // No Due_Date: placed when it was last changed, Sunday 1 Nov 00:30 (summer time) in New York.
    const placedAt = DateTime.fromISO('2026-11-01T00:30', { zone: NEW_YORK }).toMillis();
    const id = server.data.insert(
      'Tasks',
      {
        Subject: 'Send the signed offer',
        Due_Date: null,
        Status: 'Not Started',
        Closed_Time: null,
        Who_Id: { id: contact.id, name: contact['Last_Name'] },
        Owner: { id: 'u2', name: 'Ren Rep' },
      },
      placedAt,
    ).id;
    // Sunday 23:30 (winter time): 24 hours later by the clock of UTC, the same Sunday in New
    // York, already Monday in Berlin, where the organisation is.
    const now = DateTime.fromISO('2026-11-01T23:30', { zone: NEW_YORK }).toMillis();
    expect(now - placedAt).toBe(24 * 3_600_000);
    await runSync(db, source, { now: () => now });
    const core = createCore(db, () => now);

    expect((await core.handlers.getTaskMoveDays({})).today).toBe('2026-11-01');
    await expect(
      core.handlers.changeTask({ activityId: id, action: 'move', dueDate: '2026-11-01' }),
    ).rejects.toThrow(
      'The task “Send the signed offer” is due Sun 1 Nov already: nothing changed.',
    );
    expect(taskEntries()).toBe(0);
    expect(local(id)).toEqual({ due_date: null, started_at: placedAt });
    await runSync(db, source, { now: () => now + 60_000 });
    expect(inZoho(id)).toBe(null);
    expect(
      server.requests.filter((r) => r.method === 'PUT' && r.path === '/crm/v8/Tasks'),
    ).toHaveLength(0);
  });
});

/*
 * The older form names an instant (changeTask's `dueAt`): the task moves to the day it falls on on
 * the rep's clock, refused as a day chosen is, whatever the organisation's date of that instant.
 */
describe('a task moved to an instant (the older dueAt)', () => {
  const SYDNEY = 'Australia/Sydney';
  const inSydney = (iso: string): number => DateTime.fromISO(iso, { zone: SYDNEY }).toMillis();
  // Sunday 08:00 in Sydney is Saturday 22:00 in Berlin, three hours before its clocks go forward
  // (Sunday 29 March 2026, 02:00 → 03:00).
  const SUNDAY_8AM = inSydney('2026-03-29T08:00');

  it.each([
    {
      at: 'Sun 29 Mar 09:00',
      sydney: '2026-03-29T09:00',
      day: '2026-03-29',
      berlin: 'Sat 23:00 CET',
    },
    {
      at: 'Mon 30 Mar 08:00',
      sydney: '2026-03-30T08:00',
      day: '2026-03-30',
      berlin: 'Sun 23:00 CEST',
    },
  ])(
    'a Sydney rep on the night Berlin’s clocks go forward moves a task to $at ($berlin): due $day on their calendar, in Zoho too, at the hour they named',
    async ({ sydney, day }) => {
      repIn(SYDNEY);
      const source = zohoSourceFor(server);
      const id = openTaskDue('2026-03-27');
      await runSync(db, source, { now: () => SUNDAY_8AM });
      const core = createCore(db, () => SUNDAY_8AM);
      const dueAt = inSydney(sydney);

      await core.handlers.changeTask({ activityId: id, action: 'move', dueAt });
      expect(local(id)).toEqual({ due_date: day, started_at: dueAt });

      await runSync(db, source, { now: () => SUNDAY_8AM + 60_000 });
      expect(inZoho(id)).toBe(day);
      // Zoho's copy, read back after an edit there, is due that day, and the hour stays.
      server.data.modify('Tasks', id, { Subject: 'Send the signed offer (v2)' });
      await runSync(db, source, { now: () => SUNDAY_8AM + 120_000 });
      expect(local(id)).toEqual({ due_date: day, started_at: dueAt });
    },
  );

  it('refuses a day over on the rep’s clock, the day the task is due already, and an instant past any date, saying so, and sends nothing', async () => {
    repIn(SYDNEY);
    const source = zohoSourceFor(server);
    const id = openTaskDue('2026-03-30');
    await runSync(db, source, { now: () => SUNDAY_8AM });
    const core = createCore(db, () => SUNDAY_8AM);
    const move = (dueAt: number) =>
      core.handlers.changeTask({ activityId: id, action: 'move', dueAt });

    // A time passed, as the older form always refused it (the hour named, on the rep's clock).
    await expect(move(inSydney('2026-03-28T17:00'))).rejects.toThrow(
      'The task “Send the signed offer” cannot be moved to Sat 28 Mar 17:00: that has passed. Choose a later time.',
    );
    // The very instant it stands at: Monday, the day it is due in Sydney (still Sunday in Berlin).
    const standing = local(id)?.started_at ?? 0;
    expect(DateTime.fromMillis(standing, { zone: SYDNEY }).toISODate()).toBe('2026-03-30');
    await expect(move(standing)).rejects.toThrow(
      'The task “Send the signed offer” is due Mon 30 Mar already: nothing changed.',
    );
    await expect(move(1e15)).rejects.toThrow(
      'The task “Send the signed offer” cannot be moved to +033658-09-27: that is no date. Choose a day.',
    );
    expect(taskEntries()).toBe(0);
    expect(local(id)?.due_date).toBe('2026-03-30');
    await runSync(db, source, { now: () => SUNDAY_8AM + 60_000 });
    expect(inZoho(id)).toBe('2026-03-30');
    expect(
      server.requests.filter((r) => r.method === 'PUT' && r.path === '/crm/v8/Tasks'),
    ).toHaveLength(0);
  });

  it('moves a task to another hour of the day it is due, as older callers did: the hour here, the day in Zoho unchanged', async () => {
    repIn(SYDNEY);
    const source = zohoSourceFor(server);
    const id = openTaskDue('2026-03-30');
    await runSync(db, source, { now: () => SUNDAY_8AM });
    const core = createCore(db, () => SUNDAY_8AM);
    const later = inSydney('2026-03-30T15:30');
    expect(local(id)?.started_at).not.toBe(later);

    await core.handlers.changeTask({ activityId: id, action: 'move', dueAt: later });
    expect(local(id)).toEqual({ due_date: '2026-03-30', started_at: later });
    await runSync(db, source, { now: () => SUNDAY_8AM + 60_000 });
    expect(inZoho(id)).toBe('2026-03-30');
    expect(local(id)).toEqual({ due_date: '2026-03-30', started_at: later });
  });
});
