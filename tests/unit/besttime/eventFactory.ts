import { DateTime } from 'luxon';
import type { SignalType } from '../../../src/shared/signals';
import type { BesttimeEvent, BesttimeOptions } from '../../../src/main/besttime/model/types';

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

/**
 * An organisation of `people` contacts who each sent an email on `weeks` weeks running (contact
 * p on weekday 1 + p % 5, or on every weekday when `everyDay`) at their own habitual hour, 08:15
 * to 17:15, or, when `scattered`, at an hour drawn afresh each time from 08:00-18:00 (seeded,
 * so repeatable).
 */
export function organisation(
  people: number,
  weeks: number,
  scattered = false,
  everyDay = false,
): BesttimeEvent[] {
  let state = 12345;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const events: BesttimeEvent[] = [];
  for (let p = 0; p < people; p++) {
    const first = DateTime.fromISO('2023-10-02T00:00', { zone: 'UTC' }).plus({ days: p % 5 });
    for (let w = 0; w < weeks; w++) {
      for (let d = 0; d < (everyDay ? 5 : 1); d++) {
        const minute = scattered ? 480 + Math.floor(random() * 600) : 495 + (p % 10) * 60;
        const day = everyDay ? first.minus({ days: p % 5 }).plus({ days: d }) : first;
        const when = day.plus({ weeks: w, minutes: minute }).toMillis();
        events.push(event(`o${p}`, when, 'email_from_contact', { personTz: 'UTC' }));
      }
    }
  }
  return events;
}

/**
 * `people` contacts who each keep their own hour (as in `organisation`) but move to the next
 * weekday every four weeks: a contact's hour on a weekday they never used before is a good bet.
 */
export function wanderingOrganisation(people: number, weeks: number): BesttimeEvent[] {
  const events: BesttimeEvent[] = [];
  for (let p = 0; p < people; p++) {
    const start = DateTime.fromISO('2023-10-02T00:00', { zone: 'UTC' });
    for (let w = 0; w < weeks; w++) {
      const weekday = (p + Math.floor(w / 4)) % 5;
      const when = start.plus({ weeks: w, days: weekday, minutes: 495 + (p % 10) * 60 });
      events.push(event(`o${p}`, when.toMillis(), 'email_from_contact', { personTz: 'UTC' }));
    }
  }
  return events;
}

/**
 * `people` contacts who each email on every weekday at their own hour (as in `organisation`)
 * and, from week `switchWeek` on, at an hour three hours later: habits that change.
 */
export function switchingOrganisation(
  people: number,
  weeks: number,
  switchWeek: number,
): BesttimeEvent[] {
  const events: BesttimeEvent[] = [];
  const start = DateTime.fromISO('2023-10-02T00:00', { zone: 'UTC' });
  for (let p = 0; p < people; p++) {
    for (let w = 0; w < weeks; w++) {
      const hour = (p % 10) + (w >= switchWeek ? 3 : 0);
      for (let d = 0; d < 5; d++) {
        const when = start.plus({ weeks: w, days: d, minutes: 495 + hour * 60 });
        events.push(event(`o${p}`, when.toMillis(), 'email_from_contact', { personTz: 'UTC' }));
      }
    }
  }
  return events;
}
