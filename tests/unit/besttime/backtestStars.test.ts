import { describe, expect, it } from 'vitest';
import { commandReport, starLevels } from '../../../src/main/besttime/evaluation/backtest';
import type { BacktestScores } from '../../../src/shared/contract';

// Hand-made tallies: calls at 5★ were shown 10 times and caught 9 acts, at ½★ 20 times and
// caught 1; e-mails at 5★ were shown 10 times and caught 5, at 2★ 4 times and caught 1.
const calls = new Map([
  [5, { trials: 10, hits: 9 }],
  [0.5, { trials: 20, hits: 1 }],
]);
const emails = new Map([
  [2, { trials: 4, hits: 1 }],
  [5, { trials: 10, hits: 5 }],
]);

describe('the backtest’s star levels (BT-13)', () => {
  it('gives each channel its own hit rate per star level, from the fewest stars up', () => {
    expect(starLevels([calls])).toEqual([
      { stars: 0.5, windows: 20, acts: 1, hit_rate: 0.05 },
      { stars: 5, windows: 10, acts: 9, hit_rate: 0.9 },
    ]);
    expect(starLevels([emails])).toEqual([
      { stars: 2, windows: 4, acts: 1, hit_rate: 0.25 },
      { stars: 5, windows: 10, acts: 5, hit_rate: 0.5 },
    ]);
  });

  it('adds the channels together for the command’s by_stars, where 5★ e-mails read as 70%', () => {
    expect(starLevels([calls, emails])).toEqual([
      { stars: 0.5, windows: 20, acts: 1, hit_rate: 0.05 },
      { stars: 2, windows: 4, acts: 1, hit_rate: 0.25 },
      { stars: 5, windows: 20, acts: 14, hit_rate: 0.7 },
    ]);
    expect(starLevels([])).toEqual([]);
  });

  it('writes the command’s keys only, in their order, without the panel’s per-channel levels', () => {
    const hits = { hit1: 0, hit3: 0 };
    const channel = { acts: 0, ...hits, baselines: { org: hits, own: hits, last: hits } };
    const pair = { modelOnly: 0, baselineOnly: 0 };
    const none = { org: pair, own: pair, last: pair };
    const scores: BacktestScores = {
      as_of: '2026-10-25T23:00:00.000Z',
      days: 28,
      channels: { call: channel, email: channel },
      by_stars: starLevels([calls, emails]),
      starsByChannel: { call: starLevels([calls]), email: starLevels([emails]) },
      pairedByChannel: { call: none, email: none },
    };
    const report = commandReport(scores);
    expect(Object.keys(report)).toEqual(['as_of', 'days', 'channels', 'by_stars']);
    expect(report.by_stars).toBe(scores.by_stars);
  });
});
