import { describe, expect, it } from 'vitest';
import type { LearnedWindow, ReasonContext } from '../../../src/main/besttime/model/types';
import {
  StoredWeek,
  decodeWindows,
  encodeWindows,
} from '../../../src/main/besttime/store/windowsCodec';

const context: ReasonContext = {
  ownSignals: 5,
  sparse: false,
  theirZone: null,
  borrowedFrom: null,
};
const window = (weekday: number, startMin: number, stars: number): LearnedWindow => ({
  weekday,
  startMin,
  endMin: startMin + 60,
  stars,
  score: 0.2,
  reason: '',
  evidence: { count: 1, lastAt: null, byType: [['call_answered', 1]] },
});
// Best first within each weekday, as the model stores them.
const json = encodeWindows(
  [window(1, 600, 4), window(1, 840, 2), window(3, 540, 5), window(5, 900, 3), window(5, 600, 1)],
  context,
);
const decodedOn = (weekday: number) =>
  decodeWindows('call', json).filter((w) => w.weekday === weekday);

describe('a stored week of windows', () => {
  it('gives each weekday the windows the stored row holds for it, ranked as decoded whole', () => {
    const week = new StoredWeek('call', json);
    for (const weekday of [5, 1, 2, 3, 4, 6, 7])
      expect(week.on(weekday)).toEqual(decodedOn(weekday));
    expect(week.on(5).map((w) => [w.rank, w.startMin])).toEqual([
      [1, 900],
      [2, 600],
    ]);
  });

  it('hands the same list back for a weekday asked for again, before and after the rest is decoded', () => {
    const week = new StoredWeek('call', json);
    const monday = week.on(1);
    expect(week.on(1)).toBe(monday);
    week.on(3);
    expect(week.on(1)).toBe(monday);
  });

  it('reads a damaged row as a week with no windows, as the whole decode does', () => {
    const week = new StoredWeek('email', '{"w":[[1,600');
    expect(week.on(1)).toEqual([]);
    expect(week.on(2)).toEqual([]);
  });
});
