import { callApi, expect, test } from './webHostFixture';

test.describe("the Team board's blocks (TM-1)", () => {
  test('a crowded hour draws the windows the rep called in, not passed ½★ ones the coverage ignores', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    const day = await callApi(page.request, served, 'getTeamDay', { channel: 'call' });
    const anna = day.reps.find((r) => r.repId === 'u-r1');
    // Anna's 5★ call windows open now, each the one its person is counted by, none worked yet.
    const open = (anna?.blocks ?? []).filter(
      (b) => b.stars === 5 && b.counted && !b.worked && b.start <= day.now && day.now < b.end,
    );
    // A block's key in its lane: its person, channel and window.
    const key = (b: { personId: string; start: number }): string => `${b.personId}|call|${b.start}`;
    await page.goto(`${served.openUrl}#/team`);
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
    const lane = page.getByRole('group', { name: "Anna Keller's day" });
    await expect(lane.locator('.team-block').first()).toBeVisible();
    // More of them than the lane has tracks: some are only in the hour's "+N".
    const drawn = new Set(
      await lane
        .locator('.team-block')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-key'))),
    );
    const hidden = open.filter((b) => !drawn.has(key(b)));
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    // The auditor's two (Chloe Williams and Hannah Garcia) where the demo hides them, else any two.
    const named = hidden.filter((b) => ['Chloe Williams', 'Hannah Garcia'].includes(b.name));
    const called = (named.length >= 2 ? named : hidden).slice(0, 2);

    // Anna calls them: the calls end as they are logged and take no time, inside the windows.
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
    for (const b of called)
      await callApi(page.request, served, 'logCall', {
        personId: b.personId,
        outcome: 'no_answer',
        note: '',
      });
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.reload();
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
    for (const b of called) {
      const block = lane.locator(`.team-block[data-key="${key(b)}"]`);
      await expect(block).toHaveAttribute('data-state', 'worked');
      await expect(block).toHaveAttribute('aria-label', /5 of 5 stars, worked in window$/);
      await expect(block).toBeVisible();
    }
    // Nothing the coverage ignores is drawn while a counted window of its hour is left out.
    const more = lane.locator('.lane-more');
    const titles = await more.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    for (const t of titles) expect(t).not.toMatch(/worked in window/);
  });

  test('"in window now" and "reached outside its window" differ in lightness and pattern, and their text reads', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.goto(`${served.openUrl}#/team`);
    const legend = page.getByRole('list', { name: 'Legend' });
    // The legend's swatch, and the text of a block in that state (drawn for the measure only).
    const look = (state: string) =>
      legend.locator(`.legend-swatch.tb-${state}`).evaluate((el, state) => {
        // The page's globals, through the element: this file is typed without the DOM library.
        const doc = el.ownerDocument;
        const getComputedStyle = (e: typeof el) =>
          doc.defaultView?.getComputedStyle(e) ?? ({} as never);
        const s = getComputedStyle(el);
        const block = doc.createElement('a');
        block.className = `team-block tb-${state} chan-call`;
        el.closest('.team-page')?.append(block);
        const text = getComputedStyle(block).color;
        const fill = getComputedStyle(block).backgroundColor;
        block.remove();
        return {
          background: s.backgroundColor,
          image: s.backgroundImage,
          border: `${s.borderTopWidth} ${s.borderTopStyle}`,
          text,
          fill,
        };
      }, state);
    const now = await look('now');
    const outside = await look('outside');
    // WCAG's contrast of the two fills: 3:1 at least, told apart without their hue.
    expect(contrast(now.background, outside.background)).toBeGreaterThanOrEqual(3);
    // And by more than colour: a pattern or a border that the other has not.
    expect(now.image !== outside.image || now.border !== outside.border).toBe(true);
    // Text on each (a block's name, the tip's outcome) is AA: 4.5:1.
    expect(now.fill).toBe(now.background);
    expect(outside.fill).toBe(outside.background);
    expect(contrast(now.text, now.fill)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(outside.text, outside.fill)).toBeGreaterThanOrEqual(4.5);
  });
});

/** WCAG 2's contrast ratio of two CSS `rgb()` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string): number => {
    const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}
