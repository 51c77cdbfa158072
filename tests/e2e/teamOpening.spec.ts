import { callApi, expect, test } from './webHostFixture';

test.describe('opening the app on the Team page (TM-1)', () => {
  test("asks for the session and settings before the team's day", async ({ page, served }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-d1' });
    // The host answers one call at a time in the order asked: what is asked after the day (the
    // slow answer) waits for all of it, and the app's shell waits for the session.
    const asked: string[] = [];
    page.on('request', (r) => {
      const method = /\/api\/call\/(\w+)$/.exec(r.url())?.[1];
      if (method) asked.push(method);
    });
    await page.goto(`${served.openUrl}#/team`);
    await expect(page.getByRole('group', { name: /'s day$/ })).toHaveCount(12);
    const day = asked.indexOf('getTeamDay');
    expect(day).toBeGreaterThan(-1);
    expect(asked.indexOf('getSession')).toBeLessThan(day);
    expect(asked.indexOf('getSettings')).toBeLessThan(day);
  });
});
