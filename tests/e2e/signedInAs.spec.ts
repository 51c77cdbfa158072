import { expect, test } from './webHostFixture';
import { box, expectWhole } from './onScreen';

for (const { width, height } of [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
]) {
  test.describe(`a ${width} × ${height} window`, () => {
    test.use({ viewport: { width, height } });

    test('“Signed in as” shows the whole name and role, and still takes a click and a choice', async ({
      page,
      served,
    }) => {
      await page.goto(served.openUrl);
      const picker = page.getByLabel('Signed in as');
      await picker.selectOption({ label: 'Helena Brandt (director)' });
      const sidebar = await box(page.locator('.sidebar'));
      // What is on screen: any element but the list's own (a closed list shows one line, cut).
      const showing = (text: RegExp) =>
        page.locator('.sidebar-foot :not(select, option)').filter({ hasText: text, visible: true });
      const shown = showing(/^Helena Brandt \(director\)$/);
      await expect(shown).toHaveCount(1);
      await expectWhole(shown, 'the signed-in user');
      const b = await box(shown);
      expect(b.x + b.width, 'the name ends inside the sidebar').toBeLessThanOrEqual(
        sidebar.x + sidebar.width,
      );
      // The list lies over the words: a click on them goes to it.
      await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
      await expect(picker).toBeFocused();
      await page.keyboard.press('Escape');
      await picker.selectOption({ label: 'Anna Keller (rep)' });
      await expect(showing(/^Anna Keller \(rep\)$/)).toHaveCount(1);
    });
  });
}

test('“Signed in as” lists the signed-in rep’s team first, under its manager, the director and admin apart', async ({
  page,
  served,
}) => {
  await page.goto(served.openUrl);
  const picker = page.getByLabel('Signed in as');
  await picker.selectOption({ label: 'Anna Keller (rep)' });
  const groups = picker.locator('optgroup');
  await expect(groups).toHaveCount(3);
  const labels = await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
  expect(labels).toEqual([
    'Greta Lindqvist’s team (EMEA & APAC)',
    'Marcus Reed’s team (Americas)',
    'Outside the teams',
  ]);
  const names = (n: number) => groups.nth(n).locator('option').allTextContents();
  expect((await names(0)).slice(0, 2)).toEqual(['Greta Lindqvist (manager)', 'Anna Keller (rep)']);
  expect(await names(2)).toEqual(
    expect.arrayContaining(['Helena Brandt (director)', 'Ingrid Vogel (admin)']),
  );
  await expect(page.locator('#user-select option')).toHaveCount(16);
});
