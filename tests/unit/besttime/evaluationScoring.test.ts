import { describe, expect, it } from 'vitest';
import { collapseActs } from '../../../src/main/besttime/evaluation/evaluationScoring';
import { at, event } from './eventFactory';

describe('acts the evaluation scores (BT-13)', () => {
  it('counts a call logged as answered only when it lasted long enough to have been, as the model does', () => {
    const zone = 'Europe/Berlin';
    const events = [
      event('paula', at('2024-03-05T10:15', zone), 'call_answered', { durationS: 20 }),
      event('paula', at('2024-03-06T10:15', zone), 'call_answered', { durationS: 60 }),
      event('paula', at('2024-03-07T10:15', zone), 'call_answered', { durationS: 300 }),
      // Sources that log no duration log only connected calls.
      event('paula', at('2024-03-08T10:15', zone), 'call_answered'),
      event('paula', at('2024-03-11T10:15', zone), 'call_no_answer', { durationS: 400 }),
    ];
    expect(collapseActs(events, 'call').map((a) => a.at)).toEqual([
      at('2024-03-07T10:15', zone),
      at('2024-03-08T10:15', zone),
    ]);
  });
});
