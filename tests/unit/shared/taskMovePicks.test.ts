import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { fromLocalInput, localInputValue, taskMovePicks } from '../../../src/shared/taskMovePicks';

const at = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();
const utc = (ms: number): string => new Date(ms).toISOString();

describe('where “Move to…” offers to put a task', () => {
  it('tomorrow 09:00 on the rep’s clock the night the clocks go back: 26 hours after 08:00, 08:00 UTC', () => {
    const saturday8am = at('2026-10-24T08:00', 'Europe/Berlin');
    const { tomorrow9 } = taskMovePicks(saturday8am, 'Europe/Berlin');
    expect(utc(tomorrow9)).toBe('2026-10-25T08:00:00.000Z');
    expect(tomorrow9 - saturday8am).toBe(26 * 3_600_000);
  });

  it('an hour from now is an hour of time, into the next day late in the evening', () => {
    const lateEvening = at('2026-03-28T23:30:40', 'America/New_York');
    const { laterToday } = taskMovePicks(lateEvening, 'America/New_York');
    expect(DateTime.fromMillis(laterToday, { zone: 'America/New_York' }).toISO()).toBe(
      '2026-03-29T00:30:00.000-04:00',
    );
  });

  it('reads a typed time in the rep’s zone, and a time that is none as null', () => {
    expect(utc(fromLocalInput('2026-03-29T09:00', 'Europe/Berlin') ?? 0)).toBe(
      '2026-03-29T07:00:00.000Z',
    );
    expect(localInputValue(at('2026-03-29T09:00', 'Europe/Berlin'), 'Europe/Berlin')).toBe(
      '2026-03-29T09:00',
    );
    expect(fromLocalInput('', 'Europe/Berlin')).toBeNull();
    expect(fromLocalInput('2026-02-30T09:00', 'Europe/Berlin')).toBeNull();
  });
});
