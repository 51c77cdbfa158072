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
    expect(callSignal('Outbound', 'answered', 60)).toBeNull();
    expect(callSignal('Outbound', 'answered', 61)).toBe('call_answered');
    expect(isUsableSignal('call_answered', 60)).toBe(false);
    expect(isUsableSignal('call_answered', 61)).toBe(true);
  });
});
