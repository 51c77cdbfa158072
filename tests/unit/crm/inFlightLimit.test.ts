import { describe, expect, it } from 'vitest';
import { InFlightLimit } from '../../../src/main/crm/zoho/inFlightLimit';
import { rateLimitResetAt } from '../../../src/main/crm/zoho/zohoHttp';

const tick = (): Promise<void> => new Promise((ok) => setImmediate(ok));

/** Starts `n` requests that each hold their place until released by the test. */
async function hold(
  limit: InFlightLimit,
  n: number,
): Promise<{ started: number[]; release: (i: number) => void }> {
  const started: number[] = [];
  const releases = new Map<number, () => void>();
  for (let i = 0; i < n; i++)
    void limit.acquire().then((release) => {
      started.push(i);
      releases.set(i, release);
    });
  await tick();
  return { started, release: (i) => releases.get(i)?.() };
}

describe('the in-flight limit of an organisation', () => {
  it('never lets more requests out than the limit, and lets the next one go as one ends', async () => {
    const limit = new InFlightLimit(3);
    const { started, release } = await hold(limit, 5);
    expect(started).toEqual([0, 1, 2]);
    expect(limit.inFlight).toBe(3);
    release(1);
    release(1); // a second release of the same place frees nothing more
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(limit.inFlight).toBe(3);
  });

  it('drops to one below what was out after a 429, until the reset, then climbs back one a period', async () => {
    let now = 1_000_000;
    const limit = new InFlightLimit(5, () => now);
    const { release } = await hold(limit, 4);
    limit.throttled(4, now + 2_000);
    expect(limit.limit).toBe(3);
    for (let i = 0; i < 4; i++) release(i);
    now += 1_999;
    const early = await hold(limit, 5);
    expect(early.started).toHaveLength(3);
    for (let i = 0; i < 5; i++) early.release(i);
    await tick();
    now += 1;
    const later = await hold(limit, 6);
    expect(limit.limit).toBe(4);
    now += 2_000;
    for (let i = 0; i < 6; i++) later.release(i);
    await tick();
    expect(limit.limit).toBe(5);
  });

  it('holds a lowered limit 5 s when the answer gave no reset, and never goes below one', () => {
    let now = 0;
    const limit = new InFlightLimit(5, () => now);
    limit.throttled(1, null);
    expect(limit.limit).toBe(1);
    now = 4_999;
    void limit.acquire().then((r) => r());
    expect(limit.limit).toBe(1);
    now = 5_000;
    void limit.acquire().then((r) => r());
    expect(limit.limit).toBe(2);
  });

  it('takes a request that gave up out of the queue', async () => {
    const limit = new InFlightLimit(1);
    const { release } = await hold(limit, 1);
    const gaveUp = new AbortController();
    const waiting = limit.acquire(gaveUp.signal);
    gaveUp.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    const next = await hold(limit, 1);
    expect(next.started).toEqual([]);
    release(0);
    await tick();
    expect(next.started).toEqual([0]);
    expect(limit.inFlight).toBe(1);
  });

  it('follows a new setting, between 1 and 25', () => {
    const limit = new InFlightLimit(5);
    limit.setMax(10);
    expect(limit.limit).toBe(10);
    limit.setMax(100);
    expect(limit.limit).toBe(25);
    limit.setMax(0);
    expect(limit.limit).toBe(1);
  });
});

describe('when a 429 says the limit frees up', () => {
  const now = Date.UTC(2026, 0, 5, 9);
  it('reads Retry-After seconds first, then Zoho’s X-RATELIMIT-RESET instant or seconds', () => {
    expect(rateLimitResetAt({ retryAfter: '2', rateLimitReset: null }, now)).toBe(now + 2000);
    expect(rateLimitResetAt({ retryAfter: null, rateLimitReset: String(now + 500) }, now)).toBe(
      now + 500,
    );
    expect(
      rateLimitResetAt({ retryAfter: null, rateLimitReset: String((now + 60_000) / 1000) }, now),
    ).toBe(now + 60_000);
    expect(rateLimitResetAt({ retryAfter: null, rateLimitReset: '30' }, now)).toBe(now + 30_000);
    expect(rateLimitResetAt({ retryAfter: 'soon', rateLimitReset: null }, now)).toBeNull();
    expect(rateLimitResetAt({ retryAfter: null, rateLimitReset: null }, now)).toBeNull();
  });

  it('reads a Retry-After date (RFC 9110), and one already past as now', () => {
    const inAMinute = new Date(now + 60_000).toUTCString();
    expect(rateLimitResetAt({ retryAfter: inAMinute, rateLimitReset: null }, now)).toBe(
      now + 60_000,
    );
    const past = new Date(now - 60_000).toUTCString();
    expect(rateLimitResetAt({ retryAfter: past, rateLimitReset: null }, now)).toBe(now);
  });
});
