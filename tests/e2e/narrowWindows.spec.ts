import type { Locator, Page } from '@playwright/test';
import { callApi, editAnswers, expect, test } from './webHostFixture';
import { box, expectWhole } from './onScreen';

// A new user made the window narrow: at 640 px the sidebar kept 176 of them, a booked row's side
// line was cut with no "…", the "on the website" chip was cut; at 1024 px two Chloes both read
// "Chloe …"; the team's lanes opened part way into the day with no sign that they scroll.

const PAGES = ['Planner', 'People', 'Visits', 'Team', 'Settings'];
const rows = (page: Page) =>
  page.getByRole('list', { name: 'Today’s people' }).locator('.plan-row');

/** The rows wholly inside the list's scroll box: the list keeps a few more, out of view. */
async function rowsOnScreen(page: Page): Promise<Locator[]> {
  const scroller = await box(page.locator('.plan-scroll'));
  const out: Locator[] = [];
  for (const row of await rows(page).all()) {
    const r = await box(row);
    if (r.y >= scroller.y && r.y + r.height <= scroller.y + scroller.height) out.push(row);
  }
  return out;
}

/** What a one-line text shows: the whole of it, or the part before its "…". */
async function seenText(link: Locator): Promise<string> {
  return link.evaluate((e) => {
    const text = e.textContent ?? '';
    if (e.scrollWidth <= e.clientWidth) return text;
    const dots = e.ownerDocument.createElement('span');
    dots.textContent = '…';
    e.appendChild(dots);
    const room = e.clientWidth - dots.getBoundingClientRect().width;
    dots.remove();
    const node = e.firstChild;
    const range = e.ownerDocument.createRange();
    let n = 0;
    while (node && n < text.length) {
      range.setStart(node, 0);
      range.setEnd(node, n + 1);
      if (range.getBoundingClientRect().width > room) break;
      n++;
    }
    return `${text.slice(0, n)}…`;
  });
}

test.describe('a 640 × 800 window (a 1280-px window at 200 % zoom)', () => {
  test.use({ viewport: { width: 640, height: 800 } });

  test('the sidebar becomes a bar across the top, and each row’s name, window and state read whole', async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await expect(rows(page).first()).toBeVisible();
    const main = await box(page.getByRole('main'));
    expect(main.width, 'the page keeps the window’s width').toBeGreaterThanOrEqual(600);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of PAGES) {
      const link = nav.getByRole('link', {
        name: new RegExp(`^${name}( \\d+\\+? unread alerts?)?$`),
      });
      await expect(link).toBeInViewport({ ratio: 1 });
      await expectWhole(link, `the ${name} link`);
    }
    const shown = await rowsOnScreen(page);
    expect(shown.length, 'rows on screen').toBeGreaterThanOrEqual(4);
    for (const row of shown) {
      const name = await row.locator('.person-link').innerText();
      for (const [part, what] of [
        ['.person-link', 'name'],
        ['.window-time', 'window'],
        ['.state-label', 'state'],
      ] as const) {
        const el = row.locator(part);
        await expectWhole(el, `${name}’s ${what}`);
        const b = await box(el);
        expect(b.x + b.width, `${name}’s ${what} ends inside the window`).toBeLessThanOrEqual(640);
      }
    }
  });

  test('a side line led by a booking ends in "…" where it is cut, and says it whole in its title', async ({
    page,
    served,
  }) => {
    const plan = await callApi(page.request, served, 'getPlanner', {});
    const booked = plan.rows.find((r) => r.next?.kind === 'call' && r.alternatives.length > 0);
    if (!booked) throw new Error('the demo has no row with a call booked and other windows');
    // Other windows enough that no 640-px row holds its side line.
    await editAnswers(page, 'getPlanner', (p) => {
      for (const r of p.rows)
        if (r.personId === booked.personId && r.channel === booked.channel) {
          const one = r.alternatives[0];
          if (one)
            r.alternatives = Array.from({ length: 8 }, (_, i) => ({
              ...one,
              start: one.start + i * 900_000,
            }));
        }
    });
    await page.goto(served.openUrl);
    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(booked.name);
    const line = rows(page)
      .locator('.side-line')
      .filter({ has: page.locator('.side-booking') })
      .first();
    await expect(line).toBeVisible();
    await expect(line).toHaveAttribute('title', /^call booked at \d\d:\d\d · .*also .*, .*, .*/);
    const parts = await line.locator(':scope > *').evaluateAll((els) =>
      els.map((e) => {
        // The "…" in the part's own font.
        const dots = e.ownerDocument.createElement('span');
        dots.textContent = '…';
        e.appendChild(dots);
        const dotsWidth = dots.getBoundingClientRect().width;
        dots.remove();
        return {
          text: e.textContent,
          cut: e.scrollWidth > e.clientWidth,
          width: e.clientWidth,
          dotsWidth,
          ellipsis: e.ownerDocument.defaultView?.getComputedStyle(e).textOverflow === 'ellipsis',
        };
      }),
    );
    const cut = parts.filter((p) => p.cut);
    expect(cut.length, `the line is cut: ${JSON.stringify(parts)}`).toBeGreaterThan(0);
    for (const p of cut) {
      expect(p.ellipsis, `“${p.text}” ends in “…”`).toBe(true);
      // Room for the "…" itself: a part shrunk to nothing is cut with no sign.
      expect(p.width, `“${p.text}” has room for its “…”`).toBeGreaterThanOrEqual(p.dotsWidth);
    }
    const l = await box(line);
    for (const part of await line.locator(':scope > *').all()) {
      const b = await box(part);
      expect(b.x + b.width, 'each part ends inside the line').toBeLessThanOrEqual(
        l.x + l.width + 0.5,
      );
    }
  });

  test('the “on the website” and “moved from” chips are whole, inside their line', async ({
    page,
    served,
  }) => {
    await editAnswers(page, 'getPlanner', (plan) => {
      for (const r of plan.rows)
        if (r.start !== null && r.end !== null) {
          r.onSiteNow = true;
          r.category = 'customer_open_deal';
          r.movedFrom = { start: r.start - 3_600_000, end: r.end - 3_600_000 };
        }
    });
    await page.goto(served.openUrl);
    await expect(rows(page).first()).toBeVisible();
    let checked = 0;
    for (const row of await rowsOnScreen(page)) {
      const name = await row.locator('.person-link').innerText();
      const line = row.locator('.reason');
      if ((await line.count()) === 0) continue;
      const l = await box(line);
      for (const [chip, text] of [
        ['.chip-onsite', 'on the website'],
        ['.chip-moved', 'moved from'],
      ] as const) {
        const shown = line.locator(chip);
        await expect(shown).toContainText(text);
        await expectWhole(shown, `${name}’s ${text} chip`);
        const b = await box(shown);
        expect(b.x + b.width, `${name}’s “${text}” chip is whole in its line`).toBeLessThanOrEqual(
          l.x + l.width + 0.5,
        );
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});

test.describe('a 1024 × 700 window', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('two people with the same first name are told apart by what their names show', async ({
    page,
    served,
  }) => {
    // The demo's Chloe Weber and Chloe Williams, and two Lucas (Anna's own two are further down).
    const renamed = new Map([
      ['Ethan Meyer', 'Lucas Hoffmann'],
      ['Hannah Garcia', 'Lucas Schneider'],
    ]);
    await editAnswers(page, 'getPlanner', (plan) => {
      for (const r of plan.rows) r.name = renamed.get(r.name) ?? r.name;
    });
    await page.goto(served.openUrl);
    await expect(rows(page).first()).toBeVisible();
    const seen = new Map<string, Map<string, string>>();
    for (const row of await rowsOnScreen(page)) {
      const link = row.locator('.person-link');
      const full = (await link.textContent()) ?? '';
      await expect(link).toHaveAttribute('title', full);
      const first = full.split(' ')[0] ?? full;
      const people = seen.get(first) ?? new Map<string, string>();
      people.set(full, await seenText(link));
      seen.set(first, people);
    }
    const shared = [...seen.entries()].filter(([, people]) => people.size > 1);
    expect(shared.map(([first]) => first)).toEqual(expect.arrayContaining(['Chloe', 'Lucas']));
    for (const [first, people] of shared) {
      const shows = [...people.values()];
      expect(new Set(shows).size, `the ${first}s read ${shows.join(', ')}`).toBe(people.size);
      for (const [full, text] of people) {
        const [, last = ''] = full.split(' ');
        expect(text, `${full} shows the initial of the last name`).toMatch(
          new RegExp(`^${first} ${last.charAt(0)}`),
        );
      }
    }
  });

  test('the team’s lanes, opened part way into the day, say so at their cut edge, and “← earlier” goes back', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.goto(`${served.openUrl}#/team`);
    const board = page.getByRole('region', { name: "The team's day" });
    await expect(board.locator('.team-block').first()).toBeVisible();
    const scrolled = () => board.evaluate((e) => e.scrollLeft);
    expect(await scrolled(), 'the board opens at the current time').toBeGreaterThan(0);
    const earlier = page.getByRole('button', { name: '← earlier' });
    await expect(earlier).toBeInViewport({ ratio: 1 });
    // At the edge where the lanes are cut: right of the reps' names, over the first hours shown.
    const head = await box(board.locator('.team-axis .lane-head'));
    const b = await box(earlier);
    expect(b.x, '“← earlier” is at the lanes’ cut edge').toBeGreaterThanOrEqual(
      head.x + head.width,
    );
    expect(b.x).toBeLessThan(head.x + head.width + 60);
    await expect(page.locator('.board-fade')).toBeVisible();
    // Pressed (by the keyboard too) until the day's start is in sight; then the cue goes.
    const before = await scrolled();
    await earlier.click();
    await expect.poll(scrolled).toBeLessThan(before);
    for (let i = 0; i < 10 && (await scrolled()) > 0; i++) {
      await earlier.focus();
      await page.keyboard.press('Enter');
      await page.waitForTimeout(400);
    }
    await expect.poll(scrolled).toBe(0);
    await expect(earlier).toHaveCount(0);
    // The key's last press took the button away: the focus stays on the board, not the page's
    // start (review52 5), so Tab and the arrows go on from the lanes.
    await expect(board).toBeFocused();
    // The first block of the day is whole now, right of the names.
    const lane = board.getByRole('group', { name: "Anna Keller's day" });
    const firstBlock = await box(lane.locator('.team-block').first());
    expect(firstBlock.x).toBeGreaterThanOrEqual(head.x + head.width);
  });
});
