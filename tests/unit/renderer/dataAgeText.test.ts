import { describe, expect, it } from 'vitest';
import { dataAgeText, dataSourceOf } from '../../../src/renderer/src/plan/dataAgeText';

const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;

describe('the Planner’s data-age line (PL-3)', () => {
  it('says only the clock offline when the data is from the day it is now in the rep’s zone', () => {
    const asOf = Date.UTC(2026, 10, 23, 8, 30); // Monday 09:30 in Berlin
    expect(dataAgeText(asOf, 'crm', false, asOf + 40 * MINUTE, BERLIN)).toBe(
      'Offline, data from 09:30.',
    );
  });

  it('says the day offline when the data is from the day before in the rep’s zone, though the same day in UTC', () => {
    const asOf = Date.UTC(2026, 10, 22, 22, 30); // Sunday 23:30 in Berlin
    const now = Date.UTC(2026, 10, 22, 23, 10); // Monday 00:10 in Berlin
    expect(dataAgeText(asOf, 'crm', false, now, BERLIN)).toBe(
      'Offline, data from Sunday 22 November, 23:30.',
    );
  });

  it('counts the day by the rep’s clock across the change to summer time', () => {
    // Saturday 28 March 23:00 CET; the clocks go forward at 02:00 on Sunday 29 March.
    const asOf = Date.UTC(2026, 2, 28, 22, 0);
    // Sunday 00:30 CET: the day after in Berlin.
    expect(dataAgeText(asOf, 'crm', false, Date.UTC(2026, 2, 28, 23, 30), BERLIN)).toBe(
      'Offline, data from Saturday 28 March, 23:00.',
    );
    // Sunday 23:30 CEST, 22 hours after a sync at Sunday 00:30 CET (a 23-hour day): still that Sunday.
    const sundayEarly = Date.UTC(2026, 2, 28, 23, 30);
    expect(dataAgeText(sundayEarly, 'crm', false, Date.UTC(2026, 2, 29, 21, 30), BERLIN)).toBe(
      'Offline, data from 00:30.',
    );
  });

  it('gives sample data its day too', () => {
    const asOf = Date.UTC(2026, 10, 23, 8, 30);
    expect(dataAgeText(asOf, 'demo', true, asOf + 24 * 60 * MINUTE, BERLIN)).toBe(
      'Sample data written at Monday 23 November, 09:30.',
    );
  });

  it('says once that the live demo is live, not a new "written at" every minute it adds activity', () => {
    // The web host's demo adds sample visits every minute: its data is as of its last run.
    const session = { org: { isDemo: true }, lastSyncedAt: Date.UTC(2026, 10, 23, 9, 6) };
    expect(dataSourceOf(session)).toBe('live-demo');
    const asOf = session.lastSyncedAt;
    const texts = [20_000, MINUTE + 20_000, 9 * MINUTE].map((age) =>
      dataAgeText(asOf, 'live-demo', true, asOf + age, BERLIN),
    );
    expect(new Set(texts)).toEqual(new Set(['Sample data, updated live.']));
    // Offline too: the demo's activity is made on this computer.
    expect(dataAgeText(asOf, 'live-demo', false, asOf + MINUTE, BERLIN)).toBe(
      'Sample data, updated live.',
    );
  });

  it('says how long ago the live demo was updated once it has stopped adding activity', () => {
    const asOf = Date.UTC(2026, 10, 23, 9, 6);
    expect(dataAgeText(asOf, 'live-demo', true, asOf + 25 * MINUTE, BERLIN)).toBe(
      'Sample data, updated 25 min ago.',
    );
    expect(dataAgeText(asOf, 'live-demo', true, asOf + 3 * 24 * 60 * MINUTE, BERLIN)).toBe(
      'Sample data, updated 3 d ago.',
    );
  });

  it('tells the demo as written from the live demo and from a CRM by the session', () => {
    expect(dataSourceOf({ org: { isDemo: true }, lastSyncedAt: null })).toBe('demo');
    expect(dataSourceOf({ org: { isDemo: false }, lastSyncedAt: 1 })).toBe('crm');
    expect(dataSourceOf({ org: { isDemo: false }, lastSyncedAt: null })).toBe('crm');
    expect(dataSourceOf(null)).toBe('crm');
  });

  it('says online how long ago the last sync was, in days once it is days', () => {
    const asOf = Date.UTC(2026, 10, 23, 8, 30);
    expect(dataAgeText(asOf, 'crm', true, asOf + 20_000, BERLIN)).toBe('Last synced just now.');
    expect(dataAgeText(asOf, 'crm', true, asOf + 12 * MINUTE, BERLIN)).toBe(
      'Last synced 12 min ago.',
    );
    expect(dataAgeText(asOf, 'crm', true, asOf + 3 * 24 * 60 * MINUTE, BERLIN)).toBe(
      'Last synced 3 d ago.',
    );
  });

  it('says when nothing was ever synced', () => {
    expect(dataAgeText(null, 'crm', true, 0, BERLIN)).toBe('Never synced.');
    expect(dataAgeText(null, 'crm', false, 0, BERLIN)).toBe('Offline, never synced.');
  });

  it('says nothing, not "Never synced.", while the session (and with it the last sync) is not read yet', () => {
    const now = Date.UTC(2026, 10, 23, 9, 0);
    expect(dataAgeText(undefined, 'crm', true, now, BERLIN)).toBe('');
    expect(dataAgeText(undefined, 'crm', false, now, BERLIN)).toBe('');
  });
});
