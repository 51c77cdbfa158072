import { rawHandle } from '../../src/main/db/bulkHandle';
import { DEMO_SHIFTS } from '../../src/main/demo/demoOrganisation';
import { callApi, expect, test } from './webHostFixture';

// Thanksgiving (Thursday 26 November 2026) as Zoho's shift holidays of the demo's American
// offices: New York, Chicago and the West Coast. São Paulo's office works.
// Stored as a sync would store them. The demo written on the tests' Monday has the same holiday
// (demoHolidays.ts; demoShowcase.spec.ts): written here too, so these tests stand whatever days
// the demo keeps (two rows of one day are one day off).
test.use({
  beforeStart: {
    write: (db) => {
      const holiday = rawHandle(db).prepare(
        "insert into holidays (id, date, name, shift_id) values (?, '2026-11-26', 'Thanksgiving Day', ?)",
      );
      for (const shift of ['s-ny', 's-chi', 's-la']) holiday.run(`tg-${shift}`, shift);
    },
  },
});

test.describe("a rep's holiday (Zoho's holidays)", () => {
  test('the Team page says who is off, draws none of their windows and counts them as working in no hour', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m2' });
    await page.goto(`${served.openUrl}#/team`);
    const day = page.getByRole('textbox', { name: 'Day', exact: true });
    await day.fill('26 Nov 2026');
    await day.press('Enter');
    await expect(day).toHaveValue('Thu 26 Nov 2026');
    const board = page.getByRole('region', { name: "The team's day" });
    await expect(board.getByRole('group', { name: /'s day$/ })).toHaveCount(6);
    for (const rep of ['Diego Alvarez', 'Priya Shah', 'Jake Wilson', 'Nina Brooks', 'Sam Ortega']) {
      const lane = board.getByRole('group', { name: `${rep}'s day` });
      await expect(lane.locator('.lane-off')).toHaveText('Off: Thanksgiving Day');
      await expect(lane.locator('.team-block')).toHaveCount(0);
      await expect(lane.locator('.lane-working')).toHaveCount(0);
    }
    // Lucas works São Paulo's hours: his lane is an ordinary day.
    const lucas = board.getByRole('group', { name: "Lucas Pereira's day" });
    await expect(lucas.locator('.lane-off')).toHaveCount(0);
    await expect(lucas.locator('.team-block').first()).toBeAttached();
    // A day ahead of the demo's: his windows are planned, none due yet.
    await expect(lucas.locator('.lane-count')).toContainText(/\d+ planned/);
    // By hour: one rep working at most, Lucas.
    const working = await page
      .getByRole('table', { name: 'Coverage by hour' })
      .getByRole('row', { name: /^Reps working/ })
      .locator('td')
      .allTextContents();
    expect(working.length).toBeGreaterThan(0);
    expect(Math.max(...working.map((t) => Number(t || 0)))).toBe(1);

    // The day before is a working day for everyone.
    await page.getByRole('button', { name: 'Previous day' }).click();
    await expect(day).toHaveValue('Wed 25 Nov 2026');
    await expect(board.locator('.lane-off')).toHaveCount(0);
  });

  test("the rep's own planner says the day is their shift's holiday, with the way to the next working day", async ({
    page,
    served,
  }) => {
    await page.goto(served.openUrl);
    await page.getByLabel('Signed in as').selectOption('u-r6');
    const day = page.getByRole('textbox', { name: 'Day', exact: true });
    await day.fill('2026-11-26');
    await day.press('Enter');
    const closed = page.getByRole('status').filter({ hasText: 'Thanksgiving' });
    await expect(closed).toHaveText(
      /^Thursday is a holiday \(Thanksgiving Day\) of your shift \(New York office\): nothing to plan\./,
    );
    await expect(page.locator('.plan-row')).toHaveCount(0);
    await closed.getByRole('button', { name: 'Go to Friday 27 November' }).click();
    await expect(day).toHaveValue('Fri 27 Nov 2026');
  });

  test("a manager reading a rep's planner on the holiday reads the rep's shift, named, not 'your shift'", async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m2' });
    // Diego's plan of Thanksgiving, as the manager opens it (the Owner choice, kept in the address).
    await page.goto(`${served.openUrl}#/planner?day=2026-11-26&rep=u-r6`);
    const closed = page.getByRole('status').filter({ hasText: 'Thanksgiving' });
    await expect(closed).toHaveText(
      /^Thursday is a holiday \(Thanksgiving Day\) of Diego Alvarez’s shift \(New York office\): nothing to plan\./,
    );
    // Settings shows Diego's hours, not the manager's (the organisation's, in Berlin).
    await expect(closed.getByRole('link', { name: 'See your working hours' })).toHaveCount(0);
    await closed.getByRole('link', { name: 'See Diego Alvarez’s working hours' }).click();
    await expect(page).toHaveURL(/#\/settings\/working-hours\/2026-11-26\?rep=u-r6$/);
    const card = page.getByRole('article', { name: 'Working hours' });
    await expect(card).toContainText(
      'Diego Alvarez’s plan, its windows and its closed days follow the hours of Diego Alvarez’s shift, New York office,',
    );
    await expect(card).toContainText(/in New York \(UTC−5\)\./);
    await expect(card).toContainText(
      'The day you came from, Thursday 26 November, is a holiday: Thanksgiving Day',
    );
  });
});

test.describe('a holiday for every rep', () => {
  // Christmas Day as a business holiday and a holiday of every demo shift: nobody works it.
  test.use({
    beforeStart: {
      write: (db) => {
        const holiday = rawHandle(db).prepare(
          "insert into holidays (id, date, name, shift_id) values (?, '2026-12-25', 'Christmas Day', ?)",
        );
        holiday.run('xmas', null);
        for (const { id } of DEMO_SHIFTS) holiday.run(`xmas-${id}`, id);
      },
    },
  });

  test('the note above the board names the holiday, not a day without working hours', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m2' });
    await page.goto(`${served.openUrl}#/team`);
    const day = page.getByRole('textbox', { name: 'Day', exact: true });
    await day.fill('25 Dec 2026');
    await day.press('Enter');
    await expect(day).toHaveValue('Fri 25 Dec 2026');
    const note = page.getByRole('note').filter({ hasText: 'Nobody on the team works' });
    await expect(note).toHaveText(
      'Nobody on the team works on Friday 25 December: Christmas Day, a holiday for every rep.',
    );
    // The weekend after it keeps its own words.
    await page.getByRole('button', { name: 'Next day' }).click();
    await expect(day).toHaveValue('Sat 26 Dec 2026');
    await expect(note).toHaveText(
      'Nobody on the team works on Saturday 26 December: no rep has working hours that day.',
    );
  });
});
