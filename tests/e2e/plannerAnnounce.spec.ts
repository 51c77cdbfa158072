import type { Page } from '@playwright/test';
import { DEMO_KEPT_TOLD } from '../../src/main/db/repos/demoKeptHere';
import { box, expectWhole } from './onScreen';
import { callApi, E2E_NOW, editAnswers, expect, test } from './webHostFixture';

const list = (page: Page) => page.getByRole('list', { name: 'Today’s people' });
const rows = (page: Page) => list(page).locator('.plan-row');
/** The planner's one status region: what the last action did, read out by a screen reader. */
const status = (page: Page) => page.locator('.planner-page .plan-note[role="status"]');
const clock = /\d\d:\d\d/.source;
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('Done, Skip and a logged call are said in the status region, the newest replacing the last, with Undo where a mark has one', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
  const first = rows(page).first();
  await expect(first).toHaveAttribute('aria-current', 'true');
  const name = async (): Promise<string> =>
    (await rows(page).first().locator('.person-link').textContent()) ?? '';

  // d: "Name: done." with Undo, which takes the mark back and says so.
  const doneName = await name();
  await page.keyboard.press('d');
  await expect(status(page)).toHaveCount(1);
  await expect(status(page)).toHaveText(`${doneName}: done. Undo`);
  await status(page).getByRole('button', { name: 'Undo' }).click();
  await expect(rows(page).first()).not.toHaveAttribute('data-action', 'done');
  await expect(status(page)).toHaveText(`${doneName}: back on the plan.`);

  // x: "Name: skipped." replaces it, in the same one region.
  const skippedName = await name();
  await page.keyboard.press('x');
  await expect(status(page)).toHaveCount(1);
  await expect(status(page)).toHaveText(`${skippedName}: skipped. Undo`);

  // l, No answer, Save call: said with the call's time, the row staying to try again.
  await page.locator('.plan-row[aria-current="true"]').click({ position: { x: 5, y: 5 } });
  const selected = page.locator('.plan-row[aria-current="true"]');
  const triedName = (await selected.locator('.person-link').textContent()) ?? '';
  await page.keyboard.press('l');
  const dialog = page.getByRole('dialog', { name: `Log a call with ${triedName}` });
  await dialog.getByRole('radio', { name: 'No answer' }).check();
  await dialog.getByRole('button', { name: 'Save call' }).click();
  await expect(dialog).toBeHidden();
  await expect(status(page)).toHaveCount(1);
  // The demo has no CRM: the first call logged there says once that it is kept here.
  await expect(status(page)).toHaveText(
    new RegExp(
      `^${triedName}: call logged: no answer at ${clock}; stays on the plan to try again\\. ${escaped(DEMO_KEPT_TOLD)}$`,
    ),
  );

  // Answered: the row is done.
  const answeredName = (await selected.locator('.person-link').textContent()) ?? '';
  await page.keyboard.press('l');
  const again = page.getByRole('dialog', { name: `Log a call with ${answeredName}` });
  await again.getByRole('radio', { name: 'Answered' }).check();
  await again.getByLabel('Length (minutes)').fill('5');
  await again.getByRole('button', { name: 'Save call' }).click();
  await expect(again).toBeHidden();
  await expect(status(page)).toHaveCount(1);
  await expect(status(page)).toHaveText(`${answeredName}: call logged: answered, done.`);
});

test.describe('a 1024 × 768 window late in the day (17:44)', () => {
  test.use({ viewport: { width: 1024, height: 768 }, startAt: E2E_NOW + (7 * 60 + 44) * 60_000 });

  test('the header’s counts keep to one line with room to spare, and a row called without an answer says so whole', async ({
    page,
    served,
  }) => {
    const plan = await callApi(page.request, served, 'getPlanner', {});
    // A call window of 2★ or more that ended minutes ago, unworked: called now, no answer.
    const ended = plan.rows.find(
      (r) =>
        r.channel === 'call' &&
        (r.state === 'passed' || r.state === 'struck') &&
        r.action === null &&
        !r.reached &&
        (r.stars ?? 0) >= 2,
    );
    if (!ended) throw new Error('the demo has no call window ended by 17:44');
    await callApi(page.request, served, 'logCall', {
      personId: ended.personId,
      outcome: 'no_answer',
      note: '',
    });
    // A busy day's every count, with two digits where a day has them: emails worth one now,
    // windows worked and people reached before theirs, done and skipped, missed and under 2★.
    const at = plan.now;
    await editAnswers(page, 'getPlanner', (answer) => {
      const others = answer.rows.filter((r) => r.personId !== ended.personId && !r.action);
      const over = others.filter(
        (r) => r.end !== null && r.end + 30 * 60_000 < at && !r.reached && (r.stars ?? 0) >= 2,
      );
      for (const r of over.slice(0, 12))
        r.reached = { at: (r.start ?? 0) + 60_000, inWindow: true };
      for (const r of over.slice(12, 22))
        r.reached = { at: (r.start ?? 0) - 3_600_000, inWindow: false };
      const rest = others.filter((r) => !r.reached);
      for (const r of rest.filter((r) => r.channel === 'email').slice(0, 2))
        Object.assign(r, { start: at - 30 * 60_000, end: at + 30 * 60_000, stars: 4 });
      for (const r of rest.slice(-18, -15))
        r.tried = { at: (r.start ?? 0) + 60_000, outcome: 'no_answer', inWindow: true };
      for (const r of rest.slice(-15, -3)) r.action = 'done';
      for (const r of rest.slice(-3)) r.action = 'skipped';
    });
    await page.goto(served.openUrl);

    const counts = page.getByLabel("Today's counts");
    await expect(counts).toContainText('in window now');
    const chips = counts.locator('.count');
    const tops = await chips.evaluateAll((els) =>
      els.map((e) => Math.round(e.getBoundingClientRect().top)),
    );
    for (const key of ['worth', 'worth-email', 'now', 'upcoming', 'done', 'worked', 'reached'])
      await expect(counts.locator(`.count-${key}`)).toHaveCount(1);
    await expect(counts.locator('.count-done')).toContainText('skipped');
    await expect(counts.locator('.count-done')).toContainText('tried');
    // Fewer words on screen; the tooltip (and a screen reader) has them all.
    await expect(counts.locator('.count-reached')).toHaveText(/^\d+ reached before their window$/);
    // What is seen: the short words, the whole ones hidden but for a screen reader.
    const shown = (key: string) =>
      counts.locator(`.count-${key}`).evaluate((e) => {
        const full = e.querySelector('.count-full');
        const seen = full && full.getBoundingClientRect().width > 1 ? e.textContent : '';
        return `${seen}${e.ownerDocument.defaultView?.getComputedStyle(e, '::after')?.content.replace(/^"|"( \/ "")?$|^none$/g, '')}`;
      });
    expect(await shown('reached')).toMatch(/^\d+ reached early$/);
    expect(await shown('missed')).toMatch(/^\d+ missed$/);
    await expect(counts.locator('.count-missed')).toHaveAttribute(
      'title',
      /^\d+ missed · \d+ under 2★: Missed: .*Under 2★/,
    );
    expect(new Set(tops).size, `chips on one line: ${tops.join(', ')}`).toBe(1);
    const line = await box(counts);
    const chip = await box(chips.first());
    expect(line.height, 'the counts are one line high').toBeLessThanOrEqual(chip.height + 1);
    // Room left on the line, every part there ("· 3 tried" too), for counts a digit longer.
    const last = await box(chips.last());
    expect(line.x + line.width - (last.x + last.width)).toBeGreaterThanOrEqual(24);

    await page.getByRole('searchbox', { name: 'Filter the plan' }).fill(ended.name);
    const row = rows(page)
      .filter({ has: page.locator(`.person-link[href="#/person/${ended.personId}"]`) })
      .filter({ hasText: '☎ call' })
      .first();
    const state = row.locator('.state-label');
    await expect(state).toContainText(new RegExp(`No answer at ${clock}$`));
    await expect(state.locator('[title]')).toHaveAttribute(
      'title',
      new RegExp(`^[A-Z][a-z ]+ · No answer at ${clock}$`),
    );
    await expectWhole(state, 'the state');
    const head = await box(row.locator('.plan-why-head'));
    const s = await box(state);
    expect(s.x + s.width, 'the state ends inside its column').toBeLessThanOrEqual(
      head.x + head.width + 0.5,
    );
  });
});
