import { DateTime } from 'luxon';
import type { SignalType } from '../../../src/shared/signals';
import type { BesttimeEvent, BesttimeOptions } from '../../../src/main/besttime/types';

/** An event at a local wall-clock time in `zone`, e.g. at('2024-03-05T10:15', 'Asia/Tokyo'). */
export function at(local: string, zone: string): number {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${local}`);
  return dt.toMillis();
}

export function event(
  personId: string,
  when: number,
  type: SignalType,
  extra: Partial<BesttimeEvent> = {},
): BesttimeEvent {
  return { personId, at: when, type, ...extra };
}

/** The same local time on `weeks` consecutive weeks, starting at `firstLocal`. */
export function weekly(
  personId: string,
  firstLocal: string,
  zone: string,
  weeks: number,
  type: SignalType,
  extra: Partial<BesttimeEvent> = {},
): BesttimeEvent[] {
  const first = DateTime.fromISO(firstLocal, { zone });
  return Array.from({ length: weeks }, (_, i) =>
    event(personId, first.plus({ weeks: i }).toMillis(), type, { personTz: zone, ...extra }),
  );
}

export function options(overrides: Partial<BesttimeOptions> = {}): BesttimeOptions {
  return {
    asOf: Date.UTC(2024, 3, 1),
    orgTz: 'UTC',
    businessHours: null,
    slotMinutes: 60,
    top: 3,
    ...overrides,
  };
}
