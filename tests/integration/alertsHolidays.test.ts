import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertsEvent } from '../../src/shared/alertsContract';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { parseBusinessHours } from '../../src/main/besttime/model/businessHours';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { addVisit, alertsOrgDb, MIN } from '../fixtures/alertsOrg';

// VT-8: outside working hours an alert is held and delivered in the next working period's digest.
// A rep's holiday (the business holidays on the organisation's hours, their shift's in a shift)
// is outside them, as a weekend is.

let dir: TempDir;
let db: Db;
let core: Core;
let now: number;
let events: AlertsEvent[];

beforeEach(async () => {
  dir = makeTempDir('cw-alerts-holidays-');
  // Berlin, open Mon-Fri 08:00-20:00; Rita (Berlin) takes the organisation's hours.
  db = await alertsOrgDb(dir, 'holidays.db');
  core = createCore(db, () => now);
  core.on('alerts', (e) => events.push(e));
  events = [];
});
afterEach(async () => {
  core.alerts.dispose();
  await db.close();
  dir.remove();
});

const visitsStored = (): void => {
  core.emit('data-changed', { entities: ['visits'] });
};
async function call(method: string, input: unknown): Promise<unknown> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
function holiday(date: string, name: string, shift: string | null = null): void {
  rawHandle(db)
    .prepare('insert into holidays (id, date, name, shift_id) values (?, ?, ?, ?)')
    .run(`${shift ?? 'business'}-${date}`, date, name, shift);
}
const held = () =>
  rawHandle(db)
    .prepare('select visit_id, hold_reason, deliver_at from alerts order by visit_id')
    .all();

describe('alerts on a holiday', () => {
  it("holds a rep's alert on a business holiday and delivers it in the next working day's digest", async () => {
    holiday('2026-12-24', 'Christmas Eve');
    holiday('2026-12-25', 'Christmas Day');
    now = Date.UTC(2026, 11, 24, 9, 0); // Thursday 24 December, 10:00 in Berlin
    addVisit(db, { id: 'xmas', personId: 'p-cust', start: now - MIN });
    addVisit(db, { id: 'xmas-lead', personId: 'p-lead', start: now - 2 * MIN });
    visitsStored();
    expect(events).toEqual([]);
    // Friday is Christmas Day, then the weekend: Monday 28 December at 08:00 in Berlin.
    const monday = Date.UTC(2026, 11, 28, 7, 0);
    expect(held()).toEqual([
      { visit_id: 'xmas', hold_reason: 'hours', deliver_at: monday },
      { visit_id: 'xmas-lead', hold_reason: 'hours', deliver_at: monday },
    ]);
    now = Date.UTC(2026, 11, 25, 12, 0); // Christmas Day itself: still held
    core.alerts.tick();
    expect(events).toEqual([]);
    now = monday;
    core.alerts.tick();
    expect(events).toHaveLength(1);
    expect(events[0]?.digest?.title).toBe('2 website visits while alerts were held');
    expect(events[0]?.delivered.map((a) => [a.visitId, a.holdReason, a.deliveredAt])).toEqual([
      ['xmas-lead', 'hours', monday],
      ['xmas', 'hours', monday],
    ]);
  });

  it('delivers at once on the day after a holiday, and on a holiday of another shift', async () => {
    holiday('2026-12-25', 'Christmas Day', 'other-shift');
    holiday('2026-12-23', 'Works outing');
    now = Date.UTC(2026, 11, 25, 9, 0); // Friday 25 December, 10:00: not Rita's holiday
    addVisit(db, { id: 'fri', personId: 'p-cust', start: now - MIN });
    visitsStored();
    expect(events.flatMap((e) => e.delivered.map((a) => a.visitId))).toEqual(['fri']);
  });

  it("holds a shift worker's alerts on their shift's holiday in the shift's zone, across a daylight-saving change, even with hours of their own", async () => {
    // Otto works the New York office's shift (weekdays 09:00-17:00 there), off on Monday 9 March
    // 2026, the day after New York's clocks go forward; Berlin's clocks have not moved yet.
    rawHandle(db)
      .prepare(
        "insert into shifts (id, name, time_zone, hours) values ('ny', 'New York office', 'America/New_York', ?)",
      )
      .run(JSON.stringify(parseBusinessHours('Mon-Fri 09:00-17:00')));
    rawHandle(db).prepare("update users set shift_id = 'ny' where id = 'rep2'").run();
    holiday('2026-03-09', 'Office closed', 'ny');
    // A business holiday that day is the organisation's, not his.
    holiday('2026-03-10', 'Berlin only');
    await call('setCurrentUser', { userId: 'rep2' });
    await call('updateAlertSettings', {
      rules: [{ name: 'Anyone', categories: ['lead_contact'], owner: 'me' }],
    });
    now = Date.UTC(2026, 2, 6, 23, 0); // Friday 18:00 in New York
    addVisit(db, { id: 'ny-fri', personId: 'p-other', start: now - MIN });
    visitsStored();
    // Not Monday 09:00 EDT (13:00 UTC): Tuesday 09:00 EDT.
    expect(held()).toEqual([
      { visit_id: 'ny-fri', hold_reason: 'hours', deliver_at: Date.UTC(2026, 2, 10, 13, 0) },
    ]);
    // Monday 23:30 in New York is still his day off, not Tuesday's: held to Tuesday 09:00 too.
    rawHandle(db).prepare('delete from alerts').run();
    now = Date.UTC(2026, 2, 10, 3, 30);
    addVisit(db, { id: 'ny-mon', personId: 'p-other', start: now - MIN });
    visitsStored();
    expect(held()).toEqual([
      { visit_id: 'ny-mon', hold_reason: 'hours', deliver_at: Date.UTC(2026, 2, 10, 13, 0) },
    ]);
    // Settings names his day off, the shift's, not the organisation's the day after; also on it.
    now = Date.UTC(2026, 2, 6, 23, 0);
    expect(await call('getAlertSettings', {})).toMatchObject({
      daysOffAhead: [
        { date: '2026-03-09', name: 'Office closed', to: Date.UTC(2026, 2, 10, 4, 0) },
      ],
    });
    now = Date.UTC(2026, 2, 10, 3, 30); // Monday 23:30 in New York
    expect(await call('getAlertSettings', {})).toMatchObject({
      daysOffAhead: [{ date: '2026-03-09', name: 'Office closed' }],
    });
    now = Date.UTC(2026, 2, 10, 4, 0); // Tuesday 00:00 in New York: no day off ahead
    expect(await call('getAlertSettings', {})).toMatchObject({ daysOffAhead: [] });
    // His own hours (New York, from 07:00) change when he takes alerts, not which days he is off.
    rawHandle(db).prepare('delete from alerts').run();
    await call('updateAlertSettings', { workingHours: 'Mon-Fri 07:00-15:00' });
    now = Date.UTC(2026, 2, 9, 14, 0); // Monday 10:00 in New York
    addVisit(db, { id: 'ny-own', personId: 'p-other', start: now - MIN });
    visitsStored();
    expect(held()).toEqual([
      { visit_id: 'ny-own', hold_reason: 'hours', deliver_at: Date.UTC(2026, 2, 10, 11, 0) },
    ]);
  });
});
