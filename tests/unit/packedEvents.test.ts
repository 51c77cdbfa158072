import { describe, expect, it } from 'vitest';
import type { BesttimeEvent } from '../../src/main/besttime/model/types';
import { PackedEvents } from '../../src/main/besttime/store/packedEvents';

const event = (
  personId: string,
  at: number,
  type: BesttimeEvent['type'],
  durationS?: number,
  personTz?: string,
): BesttimeEvent => ({ personId, at, type, durationS, personTz });

describe("a full relearn's packed events", () => {
  it('gives back each person their own events, as they went in', () => {
    const people: [string, BesttimeEvent[]][] = [
      [
        'b',
        [
          event('b', Date.UTC(2026, 2, 29, 0, 30), 'call_answered', 75, 'Europe/Berlin'),
          event('b', Date.UTC(2026, 2, 29, 1, 30), 'call_no_answer', undefined, 'Europe/Berlin'),
          event('b', 1_700_000_000_123, 'call_answered', 2.5, 'Europe/Berlin'),
          event('b', 1_700_000_000_124, 'call_answered', 3_000_000_000, 'Europe/Berlin'),
        ],
      ],
      ['nobody', []],
      ['a', [event('a', 1_700_000_000_000, 'page_visit', undefined, undefined)]],
      ['c', [event('c', 1_690_000_000_000, 'email_opened', 0, 'Asia/Tokyo')]],
    ];
    const packed = new PackedEvents();
    for (const [id, events] of people) packed.add(id, events);
    expect(packed.size).toBe(4);
    expect(packed.signalCount).toBe(6);
    expect([...packed.keys()]).toEqual(['b', 'nobody', 'a', 'c']);
    expect([...packed]).toEqual(people);
    expect([...packed.values()]).toEqual(people.map(([, events]) => events));
    expect(packed.get('a')).toEqual(people[2]?.[1]);
    expect(packed.get('c')?.[0]).toStrictEqual(people[3]?.[1][0]);
    expect(packed.get('z')).toBeUndefined();
  });

  it('keeps a person whose events cross from one chunk of storage into the next whole', () => {
    const many = (id: string, n: number, from: number): BesttimeEvent[] =>
      Array.from({ length: n }, (_, i) =>
        event(
          id,
          from + i * 60_000,
          i % 2 ? 'email_opened' : 'call_answered',
          i % 2 ? undefined : i,
          'America/New_York',
        ),
      );
    const first = many('first', 65_000, 1_600_000_000_000);
    const across = many('across', 1_000, 1_650_000_000_000);
    const packed = new PackedEvents();
    packed.add('first', first);
    packed.add('across', across);
    expect(packed.get('across')).toEqual(across);
    expect(packed.get('first')).toEqual(first);
  });

  it('refuses a person added twice, whose events would come back split', () => {
    const packed = new PackedEvents();
    packed.add('a', [event('a', 1, 'page_visit')]);
    expect(() => packed.add('a', [event('a', 2, 'page_visit')])).toThrow('a is packed already');
  });
});
