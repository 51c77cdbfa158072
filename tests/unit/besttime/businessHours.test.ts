import { describe, expect, it } from 'vitest';
import {
  isOpenRange,
  longestOpenRun,
  parseBusinessHours,
} from '../../../src/main/besttime/model/businessHours';

describe('business hours (BT-7)', () => {
  it('reads a weekday range with one interval', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-18:00');
    expect(hours.days.slice(0, 5)).toEqual(Array(5).fill([[540, 1080]]));
    expect(hours.days[5]).toEqual([]);
    expect(hours.days[6]).toEqual([]);
  });

  it('reads split days, several groups and day lists', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-12:00,13:00-18:00;Sat 10:00-14:00');
    expect(hours.days[0]).toEqual([
      [540, 720],
      [780, 1080],
    ]);
    expect(hours.days[5]).toEqual([[600, 840]]);
    expect(parseBusinessHours('Mon,Wed 08:30-17:00').days.map((d) => d.length)).toEqual([
      1, 0, 1, 0, 0, 0, 0,
    ]);
  });

  it('accepts 24:00, wrapping day ranges, any case and extra spaces, and merges overlaps', () => {
    expect(parseBusinessHours('sat-mon 00:00-24:00').days.map((d) => d.length)).toEqual([
      1, 0, 0, 0, 0, 1, 1,
    ]);
    expect(
      parseBusinessHours(' Tue  09:00-12:00 , 11:00-13:00 ; Tue 13:00-14:00 ').days[1],
    ).toEqual([[540, 840]]);
  });

  it('is plain JSON that survives a round trip', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-18:00');
    expect(JSON.parse(JSON.stringify(hours))).toEqual(hours);
  });

  it.each([
    ['', 'empty specification'],
    ['Mon-Fri', 'cannot read "Mon-Fri"'],
    ['Mon-Fry 09:00-18:00', 'unknown day "Fry"'],
    ['Mon-Fri 9-18', 'bad time "9"'],
    ['Mon-Fri 18:00-09:00', 'ends before it starts'],
    ['Mon-Fri 09:00-25:00', 'time out of range "25:00"'],
    ['Mon-Fri 09:60-10:00', 'time out of range "09:60"'],
    ['Mon-Fri 09:00', 'bad time range "09:00"'],
    ['Mon--Fri 09:00-10:00', 'bad day list'],
  ])('rejects %j with a clear message', (spec, message) => {
    expect(() => parseBusinessHours(spec)).toThrow(message);
  });

  it('checks whole ranges, including ones that cross midnight', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-18:00');
    expect(isOpenRange(hours, 9 * 60, 60)).toBe(true);
    expect(isOpenRange(hours, 17 * 60 + 30, 60)).toBe(false);
    const nights = parseBusinessHours('Mon-Sun 00:00-24:00');
    expect(isOpenRange(nights, 23 * 60, 120)).toBe(true);
    expect(isOpenRange(nights, 6 * 1440 + 23 * 60, 120)).toBe(true);
  });

  it('finds the longest open stretch of a window as counting its minutes one by one does', () => {
    const byMinute = (hours: ReturnType<typeof parseBusinessHours>, at: number, len: number) => {
      let best: [number, number] | null = null;
      let run: number | null = null;
      for (let k = 0; k <= len; k++) {
        const open = k < len && isOpenRange(hours, at + k, 1);
        if (open && run === null) run = k;
        if (!open && run !== null) {
          if (!best || k - run > best[1] - best[0]) best = [run, k];
          run = null;
        }
      }
      return best;
    };
    const specs = [
      'Mon-Fri 09:00-18:00',
      'Mon-Fri 09:00-12:00,13:00-18:00;Sat 10:00-14:00',
      'Sun-Sat 00:00-24:00',
      'Mon 22:00-24:00;Tue 00:00-02:00,03:00-04:00',
      'Fri 23:30-24:00;Sat 00:00-00:10',
    ];
    // Windows of up to a day, starting anywhere in the week, wrapping past Sunday's midnight too.
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    for (const spec of specs) {
      const hours = parseBusinessHours(spec);
      for (let i = 0; i < 400; i++) {
        const at = next() % (7 * 1440);
        const len = 1 + (next() % 1440);
        expect(longestOpenRun(hours, at, len), `${spec} at ${at} for ${len}`).toEqual(
          byMinute(hours, at, len),
        );
      }
    }
    // Monday 21:00-03:00 with Tuesday's night: the stretch over midnight is one, 22:00-02:00.
    expect(longestOpenRun(parseBusinessHours(specs[3] as string), 21 * 60, 6 * 60)).toEqual([
      60, 300,
    ]);
  });
});
