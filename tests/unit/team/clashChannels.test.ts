import { describe, expect, it } from 'vitest';
import { joinChannels } from '../../../src/main/team/clashChannels';
import type { TeamClash, TeamClashLine } from '../../../src/shared/teamContract';

const HOUR = 3_600_000;
const DAY = Date.UTC(2026, 10, 23);
const at = (h: number): number => DAY + h * HOUR;

const line = (
  channel: 'call' | 'email',
  account: string | null,
  people: [string, string][],
  from: number,
  to: number,
): TeamClash => ({
  account,
  channel,
  people: people.map(([personId, repId]) => ({ personId, name: personId, repId })),
  start: from,
  end: to,
});

const read = (lines: TeamClashLine[]) =>
  lines.map((l) => [
    l.account ?? 'same person',
    l.channels.map((s) => `${s.channel} ${(s.start - DAY) / HOUR}-${(s.end - DAY) / HOUR}`),
    (l.start - DAY) / HOUR,
    (l.end - DAY) / HOUR,
  ]);

describe('a call clash and an email clash of the same reps at once are one line (TM-2)', () => {
  const leeMo: [string, string][] = [
    ['lee', 'u-r1'],
    ['mo', 'u-r2'],
  ];

  it('joins the same people at one account on calls and emails over overlapping times, each channel keeping its time', () => {
    const lines = joinChannels([
      line('call', 'Acme', leeMo, at(10), at(11)),
      line('email', 'Acme', [...leeMo].reverse(), at(10.5), at(11.5)),
    ]);
    expect(read(lines)).toEqual([['Acme', ['call 10-11', 'email 10.5-11.5'], 10, 11.5]]);
    expect(lines[0]?.people).toEqual([
      { personId: 'lee', name: 'lee', repId: 'u-r1' },
      { personId: 'mo', name: 'mo', repId: 'u-r2' },
    ]);
  });

  it('joins the same two reps at one account about other people on each channel, naming whom each channel is about', () => {
    // The demo's Monday: Anna and Tom at Quartz Travel AG from 10:00, Chloe and Felix on calls,
    // Chloe and Yuki on emails.
    const lines = joinChannels([
      line(
        'call',
        'Quartz',
        [
          ['chloe', 'u-r1'],
          ['felix', 'u-r2'],
        ],
        at(10),
        at(11),
      ),
      line(
        'email',
        'Quartz',
        [
          ['chloe', 'u-r1'],
          ['yuki', 'u-r2'],
        ],
        at(10),
        at(11),
      ),
    ]);
    expect(read(lines)).toEqual([['Quartz', ['call 10-11', 'email 10-11'], 10, 11]]);
    expect(lines[0]?.people.map((p) => [p.personId, p.only ?? 'both'])).toEqual([
      ['chloe', 'both'],
      ['felix', 'call'],
      ['yuki', 'email'],
    ]);
  });

  it('joins one person two reps planned on both channels, emails listed after calls', () => {
    const zoe: [string, string][] = [
      ['zoe', 'u-r1'],
      ['zoe', 'u-r2'],
    ];
    expect(
      read(
        joinChannels([
          line('email', null, zoe, at(9), at(10)),
          line('call', null, zoe, at(9), at(10)),
        ]),
      ),
    ).toEqual([['same person', ['call 9-10', 'email 9-10'], 9, 10]]);
  });

  it('keeps apart other reps, other accounts, and times that only touch', () => {
    const lines = joinChannels([
      line('call', 'Acme', leeMo, at(10), at(11)),
      // A third rep on the email line: not the same two reps.
      line('email', 'Acme', [...leeMo, ['kim', 'u-r3']], at(10), at(11)),
      line('email', 'Bigco', leeMo, at(10), at(11)),
      // Emails from when the calls' clash ends.
      line('email', 'Acme', leeMo, at(11), at(12)),
    ]);
    expect(read(lines)).toEqual([
      ['Acme', ['call 10-11'], 10, 11],
      ['Acme', ['email 10-11'], 10, 11],
      ['Bigco', ['email 10-11'], 10, 11],
      ['Acme', ['email 11-12'], 11, 12],
    ]);
  });

  it('joins every email stretch a call stretch overlaps, in start order', () => {
    const lines = joinChannels([
      line('call', 'Acme', leeMo, at(10), at(12)),
      line('email', 'Acme', leeMo, at(10), at(10.5)),
      line('email', 'Acme', leeMo, at(11.5), at(12.5)),
      line('call', 'Bigco', leeMo, at(11.75), at(13)),
    ]);
    expect(read(lines)).toEqual([
      ['Acme', ['call 10-12', 'email 10-10.5', 'email 11.5-12.5'], 10, 12.5],
      ['Bigco', ['call 11.75-13'], 11.75, 13],
    ]);
  });

  it('compares instants, not clock times: on the night the clocks go back, 02:00–02:30 twice is an hour apart', () => {
    // Sunday 25 October 2026 in Berlin: 02:00 CEST is 00:00 UTC, 02:00 CET is 01:00 UTC.
    const cest = Date.UTC(2026, 9, 25, 0, 0);
    const cet = Date.UTC(2026, 9, 25, 1, 0);
    const half = HOUR / 2;
    expect(
      joinChannels([
        line('call', 'Acme', leeMo, cest, cest + half),
        line('email', 'Acme', leeMo, cet, cet + half),
      ]),
    ).toHaveLength(2);
    // Calls until 02:30 CET, emails from 02:00 CEST to 02:00 CET: one line, over both.
    const [joined, ...rest] = joinChannels([
      line('email', 'Acme', leeMo, cest, cet),
      line('call', 'Acme', leeMo, cest + half, cet + half),
    ]);
    expect(rest).toHaveLength(0);
    expect([joined?.start, joined?.end]).toEqual([cest, cet + half]);
    expect(joined?.channels.map((s) => s.channel)).toEqual(['call', 'email']);
  });
});
