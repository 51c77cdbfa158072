import type { Locator } from '@playwright/test';
import { expect } from './webHostFixture';

/** A box that must be there: the element is on screen. */
export async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator.toString()} is not on screen`);
  return b;
}

/**
 * The element's text is shown whole: nothing cut at its edge, nor ended in "…" (an element whose
 * text overflows has a scroll width past its client width, whether it clips or not).
 */
export async function expectWhole(locator: Locator, what: string): Promise<void> {
  const { scroll, client, text } = await locator.evaluate((e) => ({
    scroll: e.scrollWidth,
    client: e.clientWidth,
    text: e.textContent,
  }));
  expect(scroll, `${what} (“${text}”) is shown whole`).toBeLessThanOrEqual(client);
}
