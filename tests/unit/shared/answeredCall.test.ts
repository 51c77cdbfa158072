import { describe, expect, it } from 'vitest';
import { lastedLongEnoughToBeAnswered } from '../../../src/shared/answeredCall';
import { isUsableSignal } from '../../../src/main/besttime/model/signalWeights';
import { callSignal } from '../../../src/main/crm/zoho/zohoActivityMap';

describe('an answered call lasts more than 60 s (BT-1)', () => {
  it('does not count a call of exactly 60 s as answered, and counts one of 61 s', () => {
    expect(lastedLongEnoughToBeAnswered(0)).toBe(false);
    expect(lastedLongEnoughToBeAnswered(60)).toBe(false);
    expect(lastedLongEnoughToBeAnswered(60.5)).toBe(true);
    expect(lastedLongEnoughToBeAnswered(61)).toBe(true);
  });

  it('is the rule the CRM import and the model follow', () => {
    expect(callSignal('Outbound', 'answered', 60)).toBe('call_no_answer');
    expect(callSignal('Outbound', 'answered', 61)).toBe('call_answered');
    expect(isUsableSignal('call_answered', 60)).toBe(false);
    expect(isUsableSignal('call_answered', 61)).toBe(true);
  });

  it("counts the rep's calls that did not reach the contact against the hour, never a wrong number (BT-12)", () => {
    for (const outcome of ['no_answer', 'busy', 'voicemail'] as const)
      expect(callSignal('Outbound', outcome, 300), outcome).toBe('call_no_answer');
    expect(callSignal('Outbound', 'wrong_number', 5)).toBeNull();
    expect(callSignal('Outbound', null, 30)).toBe('call_no_answer');
    expect(callSignal('Outbound', null, null)).toBeNull();
    // Whoever dialled a call of unknown direction: a failed one weighs on no hour.
    expect(callSignal(null, 'no_answer', 0)).toBeNull();
    expect(callSignal(null, 'answered', 300)).toBe('call_answered');
  });
});
