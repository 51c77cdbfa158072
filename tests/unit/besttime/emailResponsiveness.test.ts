import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { emailResponsiveness } from '../../../src/main/besttime/model/emailResponsiveness';
import type { EmailEvent } from '../../../src/shared/emailEvent';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** An instant by the wall clock in Berlin: `berlin('2026-10-24T23:30')`. */
const berlin = (local: string): number =>
  DateTime.fromISO(local, { zone: 'Europe/Berlin' }).toMillis();
const AS_OF = berlin('2026-11-23T10:00');

const sent = (id: string, at: number): EmailEvent => ({ kind: 'sent', at, messageId: id });
const opened = (id: string, at: number): EmailEvent => ({ kind: 'opened', at, messageId: id });
const clicked = (id: string, at: number): EmailEvent => ({ kind: 'clicked', at, messageId: id });
const received = (at: number): EmailEvent => ({ kind: 'received', at, messageId: null });

describe('a contact’s e-mail responsiveness (BT-2)', () => {
  it('is the median time from the mail to its first open, counting the mails opened', () => {
    const t = berlin('2026-11-02T09:00');
    const r = emailResponsiveness(
      [
        sent('m1', t),
        opened('m1', t + 10 * MIN),
        // A second open of the same mail (Zoho's last open) is not its first.
        opened('m1', t + 5 * HOUR),
        sent('m2', t + 24 * HOUR),
        opened('m2', t + 24 * HOUR + 40 * MIN),
        sent('m3', t + 48 * HOUR),
        opened('m3', t + 48 * HOUR + 25 * MIN),
        // Never opened: no time to count, and not one of the mails counted.
        sent('m4', t + 72 * HOUR),
      ],
      AS_OF,
    );
    // Delays 10, 40 and 25 minutes: the median is 25.
    expect(r.open).toEqual({ medianMs: 25 * MIN, count: 3 });
    expect(r.click).toBeNull();
    expect(r.reply).toBeNull();
  });

  it('times the first click likewise, and of an even count takes the middle two’s mean', () => {
    const t = berlin('2026-11-02T09:00');
    const events = (
      [
        ['a', 5],
        ['b', 20],
        ['c', 30],
        ['d', 300],
      ] as const
    ).flatMap(([id, delayMin], i) => [
      sent(id, t + i * 24 * HOUR),
      clicked(id, t + i * 24 * HOUR + delayMin * MIN),
    ]);
    // 5, 20, 30, 300 minutes: (20 + 30) / 2.
    expect(emailResponsiveness(events, AS_OF).click).toEqual({ medianMs: 25 * MIN, count: 4 });
  });

  it('says nothing from fewer than 3 (one late open would be half the answer)', () => {
    const t = berlin('2026-11-02T09:00');
    const r = emailResponsiveness(
      [sent('m1', t), opened('m1', t + MIN), sent('m2', t + HOUR), opened('m2', t + 9 * 24 * HOUR)],
      AS_OF,
    );
    expect(r).toEqual({ open: null, click: null, reply: null });
  });

  it('counts elapsed time across a daylight-saving change: an open before it, a reply across it', () => {
    // Berlin's clocks go back at 03:00 CEST on Sunday 25 October 2026, to 02:00 CET.
    const mail = berlin('2026-10-25T00:30'); // CEST, 22:30 UTC on the 24th
    const open = berlin('2026-10-25T01:15'); // CEST, before the change: 45 min later
    // 02:30 happens twice that night; Luxon takes the first (CEST), so name the second by UTC.
    const reply = DateTime.fromISO('2026-10-25T02:30', { zone: 'UTC' }).toMillis(); // 03:30 CET
    expect(reply - mail).toBe(4 * HOUR); // the wall clock says 3 h: elapsed, it is 4
    const t = berlin('2026-11-02T09:00');
    const r = emailResponsiveness(
      [
        sent('dst', mail),
        opened('dst', open),
        received(reply),
        sent('m2', t),
        opened('m2', t + 45 * MIN),
        received(t + 2 * HOUR),
        sent('m3', t + 24 * HOUR),
        opened('m3', t + 24 * HOUR + 50 * MIN),
        received(t + 24 * HOUR + 5 * HOUR),
      ],
      AS_OF,
    );
    expect(r.open).toEqual({ medianMs: 45 * MIN, count: 3 });
    // 4 h, 2 h and 5 h: the median is the one across the change, counted as 4 h, not 3 h.
    expect(r.reply).toEqual({ medianMs: 4 * HOUR, count: 3 });
  });

  it('takes a reply as their next mail after the rep’s latest, within 7 days; one reply a mail', () => {
    const t = berlin('2026-09-01T09:00');
    const day = 24 * HOUR;
    const r = emailResponsiveness(
      [
        // A mail of theirs with none of the rep's before it starts a conversation: no reply.
        received(t - 2 * day),
        // Two mails from the rep: the reply answers the second, 1 h after it (not 3 h).
        sent('a1', t),
        sent('a2', t + 2 * HOUR),
        received(t + 3 * HOUR),
        // Their second mail in a row is a follow-up, not another reply.
        received(t + 4 * HOUR),
        // Answered after 8 days: a new conversation, not a reply to this mail.
        sent('b', t + 10 * day),
        received(t + 18 * day),
        sent('c', t + 20 * day),
        received(t + 20 * day + 30 * MIN),
        sent('d', t + 30 * day),
        received(t + 30 * day + 7 * day), // exactly 7 days: still a reply
      ],
      AS_OF,
    );
    // 1 h, 30 min and 7 days: the median is 1 h.
    expect(r.reply).toEqual({ medianMs: HOUR, count: 3 });
  });

  it('reads what was known at its clock: nothing after it, no mail sent over a year before', () => {
    const old = berlin('2025-10-01T09:00');
    const recent = berlin('2026-11-20T09:00');
    const events = [
      ...['o1', 'o2', 'o3'].flatMap((id, i) => [
        sent(id, old + i * HOUR),
        opened(id, old + i * HOUR + 5 * MIN),
      ]),
      ...['n1', 'n2'].flatMap((id, i) => [
        sent(id, recent + i * HOUR),
        opened(id, recent + i * HOUR + 20 * MIN),
      ]),
      sent('n3', recent + 2 * HOUR),
      opened('n3', recent + 2 * HOUR + 20 * MIN),
    ];
    // A year back from the clock holds n1 to n3 alone.
    expect(emailResponsiveness(events, AS_OF).open).toEqual({ medianMs: 20 * MIN, count: 3 });
    // With the clock before n3's open, that open is not known yet: 2 mails are too few.
    expect(emailResponsiveness(events, recent + 2 * HOUR + 10 * MIN).open).toBeNull();
  });

  it('leaves out an open the CRM dates before its mail was sent', () => {
    const t = berlin('2026-11-02T09:00');
    const r = emailResponsiveness(
      [
        sent('x', t),
        opened('x', t - MIN),
        ...['a', 'b', 'c'].flatMap((id, i) => [
          sent(id, t + (i + 1) * HOUR),
          opened(id, t + (i + 1) * HOUR + 15 * MIN),
        ]),
      ],
      AS_OF,
    );
    expect(r.open).toEqual({ medianMs: 15 * MIN, count: 3 });
  });

  it('leaves out reactions under 2 minutes: a privacy proxy’s open, a link scanner’s click, an out-of-office reply', () => {
    const t = berlin('2026-11-02T09:00');
    const r = emailResponsiveness(
      ['a', 'b', 'c'].flatMap((id, i) => {
        const at = t + i * 24 * HOUR;
        return [
          sent(id, at),
          // Apple Mail Privacy Protection fetches the mail as it arrives; a scanner follows its link.
          opened(id, at + 20_000),
          clicked(id, at + 45_000),
          // The out-of-office reply at once; the contact's own after their return.
          received(at + 30_000),
          opened(id, at + 40 * MIN),
          clicked(id, at + 50 * MIN),
          received(at + 3 * HOUR),
        ];
      }),
      AS_OF,
    );
    expect(r.open).toEqual({ medianMs: 40 * MIN, count: 3 });
    expect(r.click).toEqual({ medianMs: 50 * MIN, count: 3 });
    expect(r.reply).toEqual({ medianMs: 3 * HOUR, count: 3 });
  });

  it('takes a mail of theirs at the mail’s very instant as automatic: the mail is still answered by the next', () => {
    const t = berlin('2026-11-02T09:00');
    const r = emailResponsiveness(
      ['a', 'b', 'c'].flatMap((id, i) => {
        const at = t + i * 24 * HOUR;
        return [sent(id, at), received(at), received(at + 2 * HOUR)];
      }),
      AS_OF,
    );
    expect(r.reply).toEqual({ medianMs: 2 * HOUR, count: 3 });
  });

  it('counts a reaction from 2 minutes on', () => {
    const t = berlin('2026-11-02T09:00');
    const r = emailResponsiveness(
      ['a', 'b', 'c'].flatMap((id, i) => [
        sent(id, t + i * HOUR),
        opened(id, t + i * HOUR + 2 * MIN),
      ]),
      AS_OF,
    );
    expect(r.open).toEqual({ medianMs: 2 * MIN, count: 3 });
  });
});
