import { describe, expect, it } from 'vitest';
import {
  NO_UNSENT_WORK,
  unsentWorkWords,
  type AccountUnsentWork,
} from '../../src/shared/unsentWork';

// Settings' own words for the unsent work (the "Sign out and lose …" button, the "Discard …" box
// of the Connect form) come from the account as the core gives it: the plan marks are "made here"
// where the next sync sends them, "made only here" where the organisation keeps none.

const account = (w: Partial<AccountUnsentWork>): AccountUnsentWork => ({
  ...NO_UNSENT_WORK,
  marksSent: false,
  ...w,
});

describe('the unsent work in Settings’ words', () => {
  it('says the plan marks a sync sends are made here, not only here', () => {
    expect(unsentWorkWords(account({ calls: 1, marks: 2, marksSent: true }))).toBe(
      '1 logged call and 2 plan marks made here',
    );
    expect(unsentWorkWords(account({ marks: 1, marksSent: true }))).toBe('1 plan mark made here');
  });

  it('says the plan marks of an organisation keeping none are made only here', () => {
    expect(unsentWorkWords(account({ calls: 1, marks: 2, marksSent: false }))).toBe(
      '1 logged call and 2 plan marks made only here',
    );
  });

  it('lets the sign-out warning name the marks as it decides, whatever the work says', () => {
    expect(unsentWorkWords(account({ marks: 2, marksSent: true }), { marksSent: false })).toBe(
      '2 plan marks made only here',
    );
    expect(unsentWorkWords({ ...NO_UNSENT_WORK, marks: 2 }, { marksSent: true })).toBe(
      '2 plan marks made here',
    );
  });

  it('keeps "made only here" for counts that do not say whether marks are sent', () => {
    expect(unsentWorkWords({ ...NO_UNSENT_WORK, marks: 2 })).toBe('2 plan marks made only here');
  });
});
