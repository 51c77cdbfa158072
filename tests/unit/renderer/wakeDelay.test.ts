import { describe, expect, it } from 'vitest';
import { wakeDelay } from '../../../src/renderer/src/hooks/useNow';

describe('the page wakes at an instant the core announced (useNow)', () => {
  it('wakes just after it, or not at all once it has passed', () => {
    expect(wakeDelay(60_000)).toBe(60_005);
    expect(wakeDelay(0)).toBeNull();
    expect(wakeDelay(-1)).toBeNull();
  });

  it('waits no longer than a browser timer keeps for an instant months away (the next holiday)', () => {
    // A delay past 2^31 - 1 ms (24.8 days) fires at once: Settings › Alerts then rendered without
    // end while the next holiday was more than 25 days off.
    const fourMonths = 120 * 86_400_000;
    const delay = wakeDelay(fourMonths) ?? 0;
    expect(delay).toBeGreaterThan(24 * 86_400_000);
    expect(delay).toBeLessThanOrEqual(2 ** 31 - 1);
  });
});
