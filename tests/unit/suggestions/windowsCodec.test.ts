import { describe, expect, it } from 'vitest';
import { decodeWindows, encodeWindows } from '../../../src/main/suggestions/windowsCodec';

const window = (reason: string, stars = 4.5) => ({
  weekday: 2,
  startMin: 540,
  endMin: 600,
  stars,
  reason,
});
const asJson = (ws: ReturnType<typeof window>[]) =>
  JSON.stringify(ws.map((w) => [w.weekday, w.startMin, w.endMin, w.stars, w.reason]));

describe('stored windows', () => {
  it('are written exactly as JSON.stringify writes them, whatever a reason contains', () => {
    const windows = [
      window('answered 3 calls on Tuesdays 09:00-10:00; last 2 days ago'),
      window('subject "Re: pricing" \\ path\nnext line\ttab \u0001'),
      window('lone \ud800 surrogate, paired 😀, é and \u2028'),
      window('', Number.NaN),
      window('minus zero', -0),
    ];
    expect(encodeWindows(windows)).toBe(asJson(windows));
    expect(encodeWindows([])).toBe('[]');
  });

  it('read back with their rank within the weekday', () => {
    const json = encodeWindows([
      window('best'),
      window('second', 2),
      { ...window('monday'), weekday: 1 },
    ]);
    expect(decodeWindows('call', json).map((w) => [w.weekday, w.rank, w.reason])).toEqual([
      [2, 1, 'best'],
      [2, 2, 'second'],
      [1, 1, 'monday'],
    ]);
  });
});
