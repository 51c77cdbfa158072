import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { planCounts } from '../../../src/renderer/src/plan/planCounts';

const HOUR = 3_600_000;
const at = Date.UTC(2026, 10, 24, 9);
const row = (
  state: PlannerRow['state'],
  action: PlannerRow['action'] = null,
  start: number | null = at,
): PlannerRow =>
  ({
    channel: 'call',
    state,
    action,
    start,
    end: start === null ? null : start + HOUR,
    stars: 4,
  }) as PlannerRow;

const texts = (rows: PlannerRow[], date = '2026-11-24') =>
  planCounts(rows, date, '2026-11-24', 'Europe/Berlin').map((c) => c.text);

describe("the planner header's counts", () => {
  it('counts a skip, or a snooze to another day, as skipped, never as done', () => {
    const rows = [
      row('now'),
      row('upcoming'),
      row('now', 'done'),
      row('upcoming', 'skipped'),
      row('none', 'snoozed', null),
    ];
    expect(texts(rows)).toEqual([
      '1 worth a call now',
      '1 in window now',
      '1 upcoming',
      '0 without a window today',
      '1 done · 2 skipped',
      '0 missed',
    ]);
    // A snooze to a later window today is still to do.
    expect(texts([row('upcoming', 'snoozed'), row('struck', 'done')])).toContain('1 done');
    // Another day's counts say the same.
    expect(texts([row('upcoming', 'skipped')], '2026-11-25')).toContain('0 done · 1 skipped');
  });

  it('counts a window that ended after a call to the person in it as worked, one before it as neither worked nor missed (as the Team page does)', () => {
    const reached = (r: PlannerRow, minutes: number, inWindow: boolean): PlannerRow => ({
      ...r,
      reached: { at: (r.start ?? at) + minutes * 60_000, inWindow },
    });
    const rows = [
      // Called in the window (a call synced from the CRM, not marked done here).
      reached(row('struck'), 31, true),
      // Called before the window began: the person was reached already.
      reached(row('passed'), -75, false),
      // Called after the window ended: missed, then reached.
      reached(row('struck'), 80, false),
      row('struck'),
    ];
    expect(texts(rows)).toEqual([
      '0 worth a call now',
      '0 in window now',
      '0 upcoming',
      '0 without a window today',
      '0 done',
      '1 worked',
      '1 reached before their window',
      '2 missed',
    ]);
    // No chip for none.
    expect(texts([row('struck')]).some((t) => t.endsWith('worked'))).toBe(false);
  });

  it('counts only calls as worth a call now, and the emails open now beside them', () => {
    const email = (r: PlannerRow): PlannerRow => ({ ...r, channel: 'email' });
    const rows = [row('now'), row('now'), email(row('now')), email(row('now')), email(row('now'))];
    const counts = texts(rows);
    expect(counts[0]).toBe('2 worth a call now');
    expect(counts[1]).toBe('3 worth an email now');
    expect(counts).toContain('5 in window now');
    // No email chip when no email window is open.
    expect(texts([row('now')]).some((t) => t.includes('email'))).toBe(false);
  });

  it('does not count a person called in their open window as worth a call now: the window is worked', () => {
    // A call from the phone system, synced from the CRM 12 minutes ago, inside the open window.
    const called: PlannerRow = { ...row('now'), reached: { at: at + 20 * 60_000, inWindow: true } };
    // Called at 08:00, before this window: still in window now, and still to call in it.
    const before: PlannerRow = { ...row('now'), reached: { at: at - HOUR, inWindow: false } };
    expect(texts([called, before, row('upcoming')])).toEqual([
      '1 worth a call now',
      '1 in window now',
      '1 upcoming',
      '0 without a window today',
      '0 done',
      '1 worked',
      '0 missed',
    ]);
  });
});
