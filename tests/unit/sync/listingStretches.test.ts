import { describe, expect, it } from 'vitest';
import type { PulledRecord } from '../../../src/main/crm/crmSource';
import {
  chooseCut,
  stretchesOf,
  withinStretch,
  type StretchProgress,
} from '../../../src/main/sync/listingStretches';

const at = (s: number): number => Date.UTC(2026, 0, 5) + s * 1000;
const record = (s: number): PulledRecord => ({
  id: `r${s}`,
  modifiedAt: at(s),
  writes: [],
  raw: {},
});

const reading = (from: number, frontier: number, received: number, upTo: number | null) =>
  ({
    stretch: { anchor: at(frontier - 1), position: null, maxSeen: at(frontier), upTo },
    from: at(from),
    frontier: at(frontier),
    received,
  }) satisfies StretchProgress;

describe('a module listing read in stretches of modification time', () => {
  it('resumes a cursor written as one chain (before stretches) as one open-ended stretch', () => {
    const chain = { anchor: at(10), position: '{"page":2}', maxSeen: at(11) };
    expect(stretchesOf(chain, at(5))).toEqual({
      stretches: [{ ...chain, upTo: null }],
      maxSeen: at(5),
    });
    expect(stretchesOf(null, null).stretches).toEqual([
      { anchor: null, position: null, maxSeen: null, upTo: null },
    ]);
  });

  it('keeps a page’s records up to the stretch’s end and says the page went past it', () => {
    const page = [record(1), record(2), record(3), record(4)];
    expect(withinStretch(page, at(2))).toEqual({ records: page.slice(0, 2), past: true });
    expect(withinStretch(page, at(4))).toEqual({ records: page, past: false });
    expect(withinStretch(page, null)).toEqual({ records: page, past: false });
  });

  it('cuts the stretch with the most records ahead at the middle second of what is ahead', () => {
    // 200 records over 100 s so far: about 1,800 more in the 900 s up to the newest record.
    const open = reading(0, 100, 200, null);
    const bounded = reading(0, 100, 200, at(300));
    const cut = chooseCut([bounded, open], at(1000));
    expect(cut?.progress).toBe(open);
    expect(cut?.at).toBe(at(550));
  });

  it('does not cut a stretch with less than two pages ahead, or one not read yet', () => {
    expect(chooseCut([reading(0, 100, 200, at(250))], null)).toBeNull();
    const unread: StretchProgress = {
      stretch: { anchor: null, position: null, maxSeen: null, upTo: null },
      from: null,
      frontier: null,
      received: 0,
    };
    expect(chooseCut([unread], at(100_000))).toBeNull();
    // The open end is unknown until the newest record is.
    expect(chooseCut([reading(0, 100, 200, null)], null)).toBeNull();
  });
});
