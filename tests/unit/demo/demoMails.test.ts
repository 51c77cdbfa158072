import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { parseBusinessHours } from '../../../src/main/besttime/model/businessHours';
import { ZoneCalendar } from '../../../src/main/demo/demoLiveEvents';
import { demoMailbox, type DemoMail } from '../../../src/main/demo/demoMails';

const MINUTE = 60_000;

/** The mails a rep sent before a person's opens, one open every 37 minutes of the four weeks. */
function mailsBefore(zone: string, spec: string, now: number): { open: number; mail: DemoMail }[] {
  const calendar = new ZoneCalendar();
  const mailbox = demoMailbox(1, 'p-dst', now, { zone, hours: parseBusinessHours(spec) }, calendar);
  const out: { open: number; mail: DemoMail }[] = [];
  for (let open = now - 27 * 1_440 * MINUTE; open < now; open += 37 * MINUTE) {
    const { mail } = mailbox('email_opened', open);
    if (mail) out.push({ open, mail });
  }
  return out;
}

/** Minutes since local midnight and ISO weekday of an instant in a zone. */
function wallClock(at: number, zone: string): { minute: number; weekday: number; date: string } {
  const local = DateTime.fromMillis(at, { zone });
  return {
    minute: local.hour * 60 + local.minute,
    weekday: local.weekday,
    date: local.toISODate() ?? '',
  };
}

describe("the demo's mails from the reps", () => {
  // Each case spans a change of the clocks: Berlin's spring (29 March 2026), New York's autumn
  // (1 November 2026), Sydney's autumn (5 April 2026).
  const cases = [
    {
      zone: 'Europe/Berlin',
      spec: 'Mon-Fri 08:00-18:00',
      now: Date.UTC(2026, 3, 9, 12),
      change: '2026-03-29',
    },
    {
      zone: 'America/New_York',
      spec: 'Mon-Fri 08:00-17:00',
      now: Date.UTC(2026, 10, 12, 18),
      change: '2026-11-01',
    },
    {
      zone: 'Australia/Sydney',
      spec: 'Mon-Fri 09:00-17:30',
      now: Date.UTC(2026, 3, 16, 3),
      change: '2026-04-05',
    },
  ];

  it.each(cases)(
    'sends each in working hours by the wall clock of $zone, on both sides of its clock change',
    ({ zone, spec, now, change }) => {
      const hours = parseBusinessHours(spec);
      const mails = mailsBefore(zone, spec, now);
      expect(mails.length).toBeGreaterThan(100);
      for (const { open, mail } of mails) {
        // Before the open it answers, by at least the demo's least lag.
        expect(open - mail.at).toBeGreaterThanOrEqual(3 * MINUTE);
        const { minute, weekday } = wallClock(mail.at, zone);
        const intervals = hours.days[weekday - 1] ?? [];
        expect(
          intervals.some(([from, to]) => minute >= from && minute <= to),
          `${new Date(mail.at).toISOString()} is ${minute} minutes into a day of weekday ${weekday}`,
        ).toBe(true);
      }
      // Mails sent after hours go out in the last minutes of the day on both sides: the closing
      // hour is read from that day's clock, not from another day's offset.
      const closes = Math.max(...(hours.days[0] ?? []).map(([, to]) => to));
      const lastMinute = (side: (date: string) => boolean): number =>
        Math.max(
          ...mails
            .map(({ mail }) => wallClock(mail.at, zone))
            .filter((c) => side(c.date))
            .map((c) => c.minute),
        );
      expect(lastMinute((d) => d < change)).toBeGreaterThan(closes - 30);
      expect(lastMinute((d) => d > change)).toBeGreaterThan(closes - 30);
    },
  );

  it('sends a mail opened before Monday morning in the last minutes of Friday', () => {
    const zone = 'Europe/Berlin';
    const monday = DateTime.fromISO('2026-03-30T07:00', { zone }).toMillis();
    const mailbox = demoMailbox(
      1,
      'p-monday',
      monday + 60 * MINUTE,
      { zone, hours: parseBusinessHours('Mon-Fri 08:00-18:00') },
      new ZoneCalendar(),
    );
    const { mail } = mailbox('email_opened', monday);
    const sent = DateTime.fromMillis(mail?.at ?? 0, { zone });
    expect(sent.toISODate()).toBe('2026-03-27');
    expect(sent.hour * 60 + sent.minute).toBeGreaterThanOrEqual(18 * 60 - 90);
    expect(sent.hour * 60 + sent.minute).toBeLessThanOrEqual(18 * 60);
  });
});
