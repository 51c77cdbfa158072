import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { BesttimeEvent } from '../../../src/main/besttime/model/types';
import {
  addVisitForms,
  SAME_SUBMISSION_MS,
  visitFormTimes,
} from '../../../src/main/besttime/model/visitFormSignals';

const BERLIN = 'Europe/Berlin';
const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: BERLIN }).toMillis();
const localTime = (at: number): string =>
  DateTime.fromMillis(at, { zone: BERLIN }).toFormat('ccc yyyy-MM-dd HH:mm');

/** A visit's actions as the sync keeps SalesIQ's sub-list (JSON), each [type, ISO time or null]. */
const stored = (...actions: [string, string | null][]): string =>
  JSON.stringify(
    actions.map(([type, at]) => ({
      Action_Type: type,
      ...(at ? { Action_Performed_Time: at } : {}),
      ...(/page/i.test(type) ? { Visited_Page: 'https://example.test/pricing' } : {}),
    })),
  );

const leadForm = (at: number): BesttimeEvent => ({
  personId: 'lead-1',
  at,
  type: 'web_form_submitted',
  personTz: BERLIN,
});

describe('a form submitted during a visit is signal 9 (BT-1), at its own time', () => {
  it("takes the action's time, in the person's hour on both sides of the change to summer time", () => {
    // Berlin moves its clocks forward on Sunday 2026-03-29: 10:15 is 09:15 UTC before, 08:15 after.
    const before = visitFormTimes(
      stored(
        ['Page Visited', '2026-03-27T10:02:00+01:00'],
        ['Form Submitted', '2026-03-27T10:15:00+01:00'],
        ['Chat', '2026-03-27T10:20:00+01:00'],
      ),
      berlin('2026-03-27T10:00'),
    );
    const after = visitFormTimes(
      stored(['Form Submitted', '2026-03-30T08:15:00Z']),
      berlin('2026-03-30T10:00'),
    );
    expect([...before, ...after].map(localTime)).toEqual([
      'Fri 2026-03-27 10:15',
      'Mon 2026-03-30 10:15',
    ]);
    expect(new Date(before[0] ?? 0).getUTCHours()).toBe(9);
    expect(new Date(after[0] ?? 0).getUTCHours()).toBe(8);
  });

  it("takes the visit's start for a form SalesIQ gives no time, and counts each form once", () => {
    const start = berlin('2026-03-30T16:40');
    expect(visitFormTimes(stored(['Form Submitted', null]), start)).toEqual([start]);
    // The text shape: one action a line, none with a time.
    expect(visitFormTimes('Viewed pricing\nForm Submitted\nForm Submitted', start)).toEqual([
      start,
      start,
    ]);
    expect(visitFormTimes(stored(['Page Visited', null], ['Chat', null]), start)).toEqual([]);
    expect(visitFormTimes('Viewed pricing', start)).toEqual([]);
    expect(visitFormTimes(null, start)).toEqual([]);
  });
});

describe('a lead made by the same form is one submission, not two', () => {
  it("merges the lead's web form within the tolerance into the action, at the action's time", () => {
    const action = berlin('2026-03-30T10:58');
    // Zoho created the lead 3 minutes later, in the next hour: the form's hour is the one kept.
    const events = [leadForm(action + 3 * 60_000)];
    addVisitForms(events, 'lead-1', BERLIN, [action]);
    expect(events.map((e) => `${e.type} ${localTime(e.at)}`)).toEqual([
      'web_form_submitted Mon 2026-03-30 10:58',
    ]);
  });

  it('keeps both when they lie further apart than the tolerance, and a second form of the lead', () => {
    const created = berlin('2026-03-02T09:00');
    const events = [leadForm(created)];
    addVisitForms(events, 'lead-1', BERLIN, [
      created + SAME_SUBMISSION_MS + 60_000,
      berlin('2026-03-30T10:15'),
    ]);
    expect(events.map((e) => localTime(e.at))).toEqual([
      'Mon 2026-03-02 09:00',
      'Mon 2026-03-02 09:11',
      'Mon 2026-03-30 10:15',
    ]);
    expect(events.every((e) => e.type === 'web_form_submitted' && e.personTz === BERLIN)).toBe(
      true,
    );
  });

  it("lets the lead's web form stand for one action only: a second action close by is a second form", () => {
    const created = berlin('2026-03-30T10:00');
    const events = [leadForm(created)];
    addVisitForms(events, 'lead-1', BERLIN, [created - 60_000, created + 2 * 60_000]);
    expect(events.map((e) => localTime(e.at))).toEqual([
      'Mon 2026-03-30 09:59',
      'Mon 2026-03-30 10:02',
    ]);
  });
});
