import { describe, expect, it } from 'vitest';
import { clockOffset } from '../../../src/renderer/src/clock/coreClock';

const MONDAY_10_BERLIN = Date.UTC(2026, 10, 23, 9, 0);
const THURSDAY_15_BERLIN = Date.UTC(2026, 11, 3, 14, 0);

describe('the pages’ clock', () => {
  it('runs the core’s set clock (serve --now) from the session that says so', () => {
    expect(
      clockOffset({ now: MONDAY_10_BERLIN, clockSet: true }, THURSDAY_15_BERLIN) +
        THURSDAY_15_BERLIN,
    ).toBe(MONDAY_10_BERLIN);
  });

  it('stays the computer’s own on the computer’s clock (the desktop app), whatever the answer’s delay', () => {
    expect(clockOffset({ now: THURSDAY_15_BERLIN - 40, clockSet: false }, THURSDAY_15_BERLIN)).toBe(
      0,
    );
  });
});
