import { callApi, expect, test } from './webHostFixture';
import { DEMO_WRITTEN_AT } from './servedHost';

// People's last activity is the last thing that happened with the person, a website visit
// included, and says what it was: the column read "3 d ago" beside someone the Visits page showed
// on the website now (audit 49, finding 14).

// Opened as the demo is written: its visitor on the website now still is.
test.use({ startAt: DEMO_WRITTEN_AT });

test('a person on the website now reads so in People and comes first by last activity', async ({
  page,
  served,
}) => {
  const visits = await callApi(page.request, served, 'listVisits', { scope: 'mine' });
  const onSite = visits.onSite.find((v) => v.personId !== null);
  if (!onSite?.name) throw new Error('the demo has none of the rep’s people on the website now');

  await page.goto(`${served.openUrl}#/people?sort=lastActivity&dir=desc`);
  const table = page.getByRole('table', { name: 'People' });
  const rows = table.getByRole('rowgroup').getByRole('row');
  const names = await table.getByRole('columnheader').allTextContents();
  const lastActivity = (row: number) =>
    rows.nth(row).getByRole('cell').nth(names.indexOf('Last activity'));
  // The latest of all: begun later than anyone's last call or e-mail.
  await expect(rows.first().locator('.person-link')).toHaveText(onSite.name);
  await expect(lastActivity(0)).toHaveText('on the website now');

  // Further down, each says what it was, as the planner words a last touch.
  const listed = await callApi(page.request, served, 'listPeople', {
    query: '',
    ownerId: (await callApi(page.request, served, 'getSession', {})).currentUser?.id,
    sort: 'lastActivity',
    direction: 'desc',
    limit: 30,
  });
  const called = listed.rows.findIndex((r) => r.lastActivityKind === 'call_out');
  const visited = listed.rows.findIndex(
    (r) => r.lastActivityKind === 'visit' && (r.onSiteUntil ?? 0) <= DEMO_WRITTEN_AT,
  );
  expect(called, 'someone of the first 30 was called last').toBeGreaterThan(0);
  await expect(lastActivity(called)).toHaveText(/^called (\d+ (min|h|d) ago|just now)$/);
  if (visited > 0)
    await expect(lastActivity(visited)).toHaveText(/^visited (\d+ (min|h|d) ago|just now)$/);
});

test('a call logged just now reads "called just now" in People and comes first, as on the planner: timed from its end', async ({
  page,
  served,
}) => {
  const plan = await callApi(page.request, served, 'getPlanner', {});
  const row = plan.rows.find((r) => r.channel === 'call' && !r.action && !r.onSiteNow);
  if (!row) throw new Error('the demo plan has no call row');
  // Seven minutes on the phone, ending now: it began before the visitor on the website now did
  // (stop 51: "called just now" sat below "visited 3 min ago", the list ordered by its start).
  await callApi(page.request, served, 'logCall', {
    personId: row.personId,
    outcome: 'answered',
    durationMin: 7,
    note: '',
  });
  await page.goto(`${served.openUrl}#/people?sort=lastActivity&dir=desc`);
  const table = page.getByRole('table', { name: 'People' });
  const names = await table.getByRole('columnheader').allTextContents();
  const first = table.getByRole('rowgroup').getByRole('row').first();
  await expect(first.locator('.person-link')).toHaveText(row.name);
  await expect(first.getByRole('cell').nth(names.indexOf('Last activity'))).toHaveText(
    'called just now',
  );
  // The planner says the same of the same call.
  const after = await callApi(page.request, served, 'getPlanner', {});
  const same = after.rows.find((r) => r.personId === row.personId);
  const people = await callApi(page.request, served, 'listPeople', {
    query: row.name,
    sort: 'lastActivity',
    direction: 'desc',
    limit: 5,
  });
  const person = people.rows.find((r) => r.id === row.personId);
  expect(person?.lastActivityAt).toBe(same?.lastTouchAt);
});
