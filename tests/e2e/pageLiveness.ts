import type { Page } from '@playwright/test';

/** Bounded: a page whose script never answers must not hold up the test's teardown as well. */
async function within<T>(ms: number, work: Promise<T>): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why a click may have waited on "visible, enabled and stable" until the test timed out, told
 * apart: an element that kept moving (Playwright then logs "element is not stable" and retries), a
 * page whose script never answers (its main thread busy), or a browser that paints no frame
 * (Playwright's "stable" compares the element's box over two real animation frames; the page's
 * fake clock cannot hold those up). Said after a failure, once the test's own steps are done.
 */
export async function pageLiveness(page: Page): Promise<string> {
  if (page.isClosed()) return 'the page was closed';
  const asked = Date.now();
  const visibility = await within(
    3_000,
    page.evaluate('document.visibilityState').then(String, (e: unknown) => `error ${String(e)}`),
  );
  if (visibility === null)
    return "the page's script did not answer in 3 s: its main thread is busy";
  const answered = `the page's script answered in ${Date.now() - asked} ms (${visibility})`;
  const body = await within(
    3_000,
    page
      .locator('body')
      .elementHandle({ timeout: 2_000 })
      .catch(() => null),
  );
  if (!body) return `${answered}; its body could not be found in 2 s`;
  const framed = await within(
    3_000,
    body.waitForElementState('stable', { timeout: 2_000 }).then(
      () => true,
      () => false,
    ),
  );
  return framed
    ? `${answered}; animation frames come (the body was stable over two)`
    : `${answered}; no two animation frames came in 2 s: the browser paints nothing`;
}
