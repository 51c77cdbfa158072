import type { Page } from '@playwright/test';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { expect, test } from './webHostFixture';

/**
 * BT-6 on the person page (BT-3): a window of the day that ended stays listed, after the ones to
 * come, and is struck through 30 minutes after its end, on the page's own clock, as the planner
 * does. The contact is in Jerusalem, whose clocks go forward at 02:00 on Friday 27 March 2026
 * (a working day in the Berlin office), two days before Berlin's.
 */

const MIN = 60_000;
/** Friday 27 March 2026, 01:30 in Jerusalem (UTC+2): half an hour before the clocks go forward. */
const BEFORE_CHANGE = Date.UTC(2026, 2, 26, 23, 30);
/** Friday 10:00-11:00 and 12:00-13:00 in Jerusalem, UTC+3 since 02:00 that night. */
const FIRST = { start: Date.UTC(2026, 2, 27, 7, 0), end: Date.UTC(2026, 2, 27, 8, 0) };
const SECOND = { start: Date.UTC(2026, 2, 27, 9, 0), end: Date.UTC(2026, 2, 27, 10, 0) };

/** The person the test gave windows to: one of Anna's contacts (Anna is who the page signs in as). */
let personId = '';

/**
 * One of Anna's contacts moved to Jerusalem, with call windows on Fridays 10:00-11:00 (4★) and
 * 12:00-13:00 (3★) and Mondays 10:00-11:00 (3★) there, and the last relearn said to be an hour
 * before `at`, so the host keeps these windows instead of relearning everyone at start.
 */
function jerusalemContact(at: number): { write: (db: Db) => void } {
  return {
    write: (db) => {
      const raw = rawHandle(db);
      const row = raw
        .prepare(
          "select id from people where owner_id = 'u-r1' and module = 'contact' order by id limit 1",
        )
        .get() as { id: string } | undefined;
      if (!row) throw new Error('the demo gives Anna no contact');
      personId = row.id;
      raw.prepare("update people set time_zone = 'Asia/Jerusalem' where id = ?").run(personId);
      raw.prepare('delete from best_time_windows where person_id = ?').run(personId);
      raw
        .prepare(
          "insert into best_time_windows (person_id, channel, time_zone, windows) values (?, 'call', 'Asia/Jerusalem', ?)",
        )
        .run(
          personId,
          JSON.stringify([
            [5, 600, 660, 4, 'answered calls on Fridays'],
            [5, 720, 780, 3, 'answered calls on Fridays'],
            [1, 600, 660, 3, 'answered calls on Mondays'],
          ]),
        );
      const learned = at - 60 * MIN;
      raw
        .prepare("update settings set value = ? where key = 'windows_learned_at'")
        .run(JSON.stringify(learned));
      raw.prepare('update learned_priors set learned_at = ?').run(learned);
    },
  };
}

const windowList = (page: Page) =>
  page.getByRole('article', { name: 'Best time to contact' }).locator('.window-item');
/** The windows' days and hours, their time (each item's first line), in the order listed. */
const windowTimes = (page: Page) => windowList(page).locator('strong');
const item = (page: Page, time: string) =>
  windowList(page).filter({ has: page.locator('strong', { hasText: time }) });

test.describe('the night the clocks go forward in Jerusalem', () => {
  test.use({ startAt: BEFORE_CHANGE, beforeStart: jerusalemContact(BEFORE_CHANGE) });

  test('a window that ended stays listed after the one to come, struck through 30 minutes after its end, with no reload', async ({
    page,
    served,
  }) => {
    await page.goto(`${served.openUrl}#/person/${personId}`);
    await expect(windowTimes(page)).toHaveText(['Friday 10:00–11:00', 'Friday 12:00–13:00']);
    const first = item(page, 'Friday 10:00–11:00');
    let reloads = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/call/getPerson')) reloads++;
    });

    // 11:20 there, across the change: the best window ended 20 minutes ago. It stays, plain,
    // below the one to come.
    await page.clock.fastForward(FIRST.end + 20 * MIN - BEFORE_CHANGE);
    await expect(windowList(page)).toHaveText([
      /Friday 12:00–13:00/,
      /Friday 10:00–11:00.*window just ended/,
    ]);
    await expect(first).toHaveAttribute('data-state', 'passed');
    await expect(first.locator('strong')).not.toHaveCSS('text-decoration-line', 'line-through');

    // 11:31 there: struck through, still listed.
    await page.clock.fastForward(11 * MIN);
    await expect(first).toHaveAttribute('data-state', 'struck');
    await expect(first.locator('strong')).toHaveCSS('text-decoration-line', 'line-through');
    await expect(first).toContainText('window passed');
    await expect(windowTimes(page)).toHaveText(['Friday 12:00–13:00', 'Friday 10:00–11:00']);
    await expect(item(page, 'Friday 12:00–13:00')).toHaveAttribute('data-state', 'upcoming');
    // The page's own clock did it: nothing was asked of the core.
    expect(reloads).toBe(0);
  });
});

test.describe('the last window of the day ending', () => {
  // Half a minute before 13:00 in Jerusalem: the host starts and the page opens before it ends.
  const at = SECOND.end - 30_000;
  test.use({ startAt: at, beforeStart: jerusalemContact(at) });

  test("once the day's windows have all ended they stay, struck in turn, with the next day's to come above them", async ({
    page,
    served,
  }) => {
    await page.goto(`${served.openUrl}#/person/${personId}`);
    // The best window of the day, over since 11:00 there, is still listed, struck through.
    await expect(item(page, 'Friday 10:00–11:00')).toBeVisible();
    await expect(item(page, 'Friday 10:00–11:00')).toHaveAttribute('data-state', 'struck');
    await expect(item(page, 'Friday 12:00–13:00')).toBeVisible();

    // The core is asked again as the last one ends, and names Monday's (after Berlin's clock
    // change too): first, as the one to come.
    await expect(windowList(page)).toHaveText(
      [
        /Monday 10:00–11:00/,
        /Friday 10:00–11:00.*window passed/,
        /Friday 12:00–13:00.*window just ended/,
      ],
      { timeout: 60_000 },
    );
    const last = item(page, 'Friday 12:00–13:00');
    await expect(last.locator('strong')).not.toHaveCSS('text-decoration-line', 'line-through');
    await page.clock.fastForward(30 * MIN);
    await expect(last).toHaveAttribute('data-state', 'struck');
    await expect(last.locator('strong')).toHaveCSS('text-decoration-line', 'line-through');
    await expect(item(page, 'Monday 10:00–11:00')).toHaveAttribute('data-state', 'upcoming');
  });
});
