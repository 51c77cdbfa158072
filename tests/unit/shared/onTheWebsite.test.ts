import { describe, expect, it } from 'vitest';
import {
  lastSeenOf,
  leavesWebsiteAt,
  LONGEST_VISIT_MS,
  onWebsiteAt,
} from '../../../src/shared/onTheWebsite';

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 23, 9, 0);

describe('on the website now', () => {
  it('counts a visit seen up to 15 minutes ago, and not a millisecond later', () => {
    const v = { startedAt: t0, endedAt: t0 + 5 * MIN, lastPageAt: null };
    expect(onWebsiteAt(v, t0 + 20 * MIN)).toBe(true);
    expect(onWebsiteAt(v, t0 + 20 * MIN + 1)).toBe(false);
    expect(leavesWebsiteAt(v)).toBe(t0 + 20 * MIN + 1);
  });

  it('keeps a visit with no end on the website while its pages are being read', () => {
    const v = { startedAt: t0, endedAt: null, lastPageAt: t0 + 40 * MIN };
    expect(lastSeenOf(v)).toBe(t0 + 40 * MIN);
    // 50 minutes after the start, 10 after the last page.
    expect(onWebsiteAt(v, t0 + 50 * MIN)).toBe(true);
    expect(onWebsiteAt(v, t0 + 56 * MIN)).toBe(false);
    // Without pages it was last seen when it started.
    expect(onWebsiteAt({ ...v, lastPageAt: null }, t0 + 16 * MIN)).toBe(false);
    expect(onWebsiteAt({ ...v, lastPageAt: null }, t0 + 14 * MIN)).toBe(true);
  });

  it('takes an ended visit at its end, not at a later page time', () => {
    const v = { startedAt: t0, endedAt: t0 + 3 * MIN, lastPageAt: t0 + 30 * MIN };
    expect(lastSeenOf(v)).toBe(t0 + 3 * MIN);
    expect(onWebsiteAt(v, t0 + 19 * MIN)).toBe(false);
  });

  it('is never on the website before it started', () => {
    expect(onWebsiteAt({ startedAt: t0, endedAt: null, lastPageAt: null }, t0 - 1)).toBe(false);
  });

  it('gives up on a visit 6 hours after its start, pages or not', () => {
    const v = { startedAt: t0, endedAt: null, lastPageAt: t0 + LONGEST_VISIT_MS - MIN };
    expect(onWebsiteAt(v, t0 + LONGEST_VISIT_MS - 1)).toBe(true);
    expect(onWebsiteAt(v, t0 + LONGEST_VISIT_MS)).toBe(false);
    expect(leavesWebsiteAt(v)).toBe(t0 + LONGEST_VISIT_MS);
  });
});
