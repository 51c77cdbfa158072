import { describe, expect, it } from 'vitest';
import {
  dueRetries,
  MAX_TRIES,
  MAX_WAITING,
  withFailure,
  type PersonRetry,
} from '../../../src/main/sync/relatedListRetries';

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 2, 2, 9);

describe('people whose related list could not be read', () => {
  it('asks again on the next run, then 1, 4 and 16 hours after each failure, then gives up', () => {
    let list: PersonRetry[] = withFailure([], 'p1', t0);
    expect(dueRetries(list, t0 + 1).map((r) => r.id)).toEqual(['p1']);
    const waits = [HOUR, 4 * HOUR, 16 * HOUR];
    let at = t0 + 1;
    for (const wait of waits) {
      list = withFailure(list, 'p1', at);
      expect(dueRetries(list, at + wait - 1)).toEqual([]);
      expect(dueRetries(list, at + wait).map((r) => r.id)).toEqual(['p1']);
      at += wait;
    }
    expect(list).toEqual([{ id: 'p1', tries: MAX_TRIES - 1, at: at - 16 * HOUR }]);
    expect(withFailure(list, 'p1', at)).toEqual([]);
  });

  it(`keeps at most ${MAX_WAITING} people, dropping the longest waiting`, () => {
    let list: PersonRetry[] = [];
    for (let i = 0; i <= MAX_WAITING; i++) list = withFailure(list, `p${i}`, t0 + i);
    expect(list).toHaveLength(MAX_WAITING);
    expect(list.map((r) => r.id)).not.toContain('p0');
    expect(dueRetries(list, t0 + HOUR)[0]?.id).toBe('p1');
  });
});
