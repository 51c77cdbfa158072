import type { Locator } from '@playwright/test';
import { expect } from './webHostFixture';

/**
 * The words are on screen whole: the side line's part holding them is not cut ("…") and lies
 * inside the side line and the row (whose overflow hides what runs past them).
 */
export async function expectShownWhole(row: Locator, words: string): Promise<void> {
  const line = row.locator('.side-line');
  await expect(line).toContainText(words);
  const part = line.locator('> *', { hasText: words }).first();
  await expect(part).toBeVisible();
  const cut = await part.evaluate((el) => el.scrollWidth > el.clientWidth + 0.5);
  expect(cut, `“${words}” is not cut off`).toBe(false);
  const [p, l, r] = await Promise.all([part, line, row].map((el) => el.boundingBox()));
  if (!p || !l || !r) throw new Error('no box');
  for (const [frame, name] of [
    [l, 'side line'],
    [r, 'row'],
  ] as const) {
    expect(p.x, `“${words}” starts inside the ${name}`).toBeGreaterThanOrEqual(frame.x - 0.5);
    expect(p.x + p.width, `“${words}” ends inside the ${name}`).toBeLessThanOrEqual(
      frame.x + frame.width + 0.5,
    );
  }
}
