import { buildOrganisation } from '../crm-server/crmFactories';
import { connectInSettings, crmHostTest, expect } from './crmHostFixture';
import { callApi, test as webTest } from './webHostFixture';

const CLIENT = {
  clientId: '1000.E2ECLIENT',
  clientSecret: 'e2e-secret',
  refreshToken: 'e2e-refresh',
};

/** The test's host signs in at a CRM test server of its own. */
const test = crmHostTest(() => ({
  data: buildOrganisation(21),
  client: CLIENT,
  grant: '1000.good-grant',
  // Slow enough that the first sync's progress is on screen for a few seconds.
  apiDelayMs: 150,
}));

test('a rep connects Zoho CRM in Settings, watches the first sync, works on synced data, and signs out', async ({
  page,
  served,
  crm,
}) => {
  await page.goto(`${served.openUrl}#/settings`);
  const panel = page.getByRole('article', { name: 'CRM account' });
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    'Demo organisation (sample data)',
  );

  const form = panel.getByRole('form', { name: 'Connect Zoho CRM' });
  // The API console named is the data centre's: a Self Client of another one signs in nowhere.
  await form.getByLabel('Data centre').selectOption('IN');
  await expect(form).toContainText("Zoho's API console of your data centre (api-console.zoho.in)");
  await form.getByLabel('Data centre').selectOption('EU');
  await expect(form).toContainText("Zoho's API console of your data centre (api-console.zoho.eu)");
  await form.getByLabel('Client ID').fill(CLIENT.clientId);
  await form.getByLabel('Client secret').fill(CLIENT.clientSecret);
  await form.getByLabel('Grant code').fill('1000.used-up');
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByRole('alert')).toContainText('invalid_code');
  await expect(form.getByRole('alert')).toContainText('generate a new one');

  await form.getByLabel('Grant code').fill('1000.good-grant');
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(panel).toContainText('Connected to Test Org');
  await expect(panel.getByRole('status')).toContainText('First sync running');
  await expect(panel.getByLabel('Contacts progress')).toBeVisible();
  await expect(panel.getByText(/About \d+ min left/)).toBeVisible();
  await expect(panel.getByText(/of \d+/).first()).toBeVisible();
  // Before its records, the first sync says what it costs of the organisation's API credits.
  await expect(panel.getByLabel('API credits')).toContainText(
    /This first sync takes about \d+ API requests/,
  );

  // When it finishes, the CRM's data opens: no sample-data banner, "synced" everywhere.
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    'Zoho CRM, synced just now',
    { timeout: 30_000 },
  );
  await expect(page.getByRole('note')).toHaveCount(0);
  const contact = [...crm.data.table('Contacts').values()][0];
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('searchbox').fill(String(contact?.['Last_Name']));
  await expect(
    page.getByRole('link', { name: new RegExp(String(contact?.['Last_Name'])) }).first(),
  ).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).click();
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(panel.getByRole('status')).toContainText('synced just now');
  // Counted from the syncs' requests (scheduled visits runs go on meanwhile): never more than
  // the CRM has answered.
  const shown = async (): Promise<number> => {
    const text = (await panel.getByLabel('API credits').textContent()) ?? '';
    return Number(/last 24 hours: ([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
  };
  await expect.poll(shown).toBeGreaterThan(20);
  expect(await shown()).toBeLessThanOrEqual(
    crm.requests.filter((r) => r.path.startsWith('/crm/')).length,
  );
  await panel.getByLabel('Requests at Zoho at once').fill('10');
  await expect(panel.getByLabel('Requests at Zoho at once')).toHaveValue('10');
  // The schedule is the core's: the field shows what it stored.
  await panel.getByLabel('Website visits every').fill('2');
  await panel.getByLabel('Website visits every').press('Enter');
  await expect(panel.getByLabel('Website visits every')).toHaveValue('2');
  await page.reload();
  await expect(panel.getByLabel('Website visits every')).toHaveValue('2');
  await expect(panel.getByLabel('Requests at Zoho at once')).toHaveValue('10');
  await panel.getByRole('button', { name: 'Sign out' }).click();
  await expect(panel.getByRole('form', { name: 'Connect Zoho CRM' })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('Sample data');
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    'Demo organisation (sample data)',
  );
});

test('a first sync resumed after a failure shows the modules the failed run finished as done, with what they hold', async ({
  page,
  served,
  crm,
}) => {
  // The calls' listing fails on every attempt: the other modules finish, the first sync does not.
  crm.inject('server-error', { path: /^\/crm\/v8\/Calls$/, times: 1_000 });
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant', 'EU');
  await expect(panel.getByRole('alert')).toContainText("Zoho CRM's servers kept failing when asked for Calls", {
    timeout: 30_000,
  });

  crm.clearFaults();
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(panel.getByRole('status')).toContainText('First sync running');
  const row = (module: string) =>
    panel.locator('.crm-progress-row').filter({ has: page.getByText(module, { exact: true }) });
  // While the calls are read, the contacts and leads are whole, not "0 of 20" again.
  for (const module of ['Contacts', 'Leads'])
    await expect(row(module)).toContainText(`${crm.data.table(module).size} done`);
  await expect(row('Calls')).toContainText(/\d+ (of \d+|done)/);
});

test('a double-click on Sign out with a logged call still unsent keeps the sign-in and the call', async ({
  page,
  served,
  crm,
}) => {
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant', 'EU');
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    'Zoho CRM, synced just now',
    { timeout: 30_000 },
  );
  // The CRM refuses the call: it waits in the outbox.
  crm.inject('server-error', { path: /^\/crm\/v8\/Calls/, method: 'POST', times: 100_000 });
  // Kai Rep logs a call with one of his people.
  const session = await callApi(page.request, served, 'getSession', {});
  const kai = session.users.find((u) => u.name === 'Kai Rep');
  if (!kai) throw new Error('the test organisation has no Kai Rep');
  await callApi(page.request, served, 'setCurrentUser', { userId: kai.id });
  const people = await callApi(page.request, served, 'listPeople', { ownerId: kai.id });
  const person = people.rows[0];
  if (!person) throw new Error('the test organisation has nobody');
  await callApi(page.request, served, 'logCall', {
    personId: person.id,
    outcome: 'no_answer',
    note: 'Not sent yet',
  });
  await page.reload();
  await expect(panel).toContainText('Connected to Test Org');
  // The next sync tries it; the panel says it waits, and what the CRM said.
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(panel.locator('.crm-unsent')).toContainText(
    /1 logged call has not reached Zoho yet; it goes with the next sync\. Last attempt: .*500/,
    { timeout: 30_000 },
  );
  // As a person double-clicks: the second click comes once the first one's refusal is on screen.
  await panel.getByRole('button', { name: 'Sign out' }).dblclick({ delay: 150 });
  await expect(panel.getByRole('alert')).toContainText('1 logged call has not reached the CRM');
  await page.waitForTimeout(500);
  await expect(panel).toContainText('Connected to Test Org');
  await expect(panel.getByRole('form', { name: 'Connect Zoho CRM' })).toHaveCount(0);
  const account = await callApi(page.request, served, 'getCrmAccount', {});
  expect(account.crm).not.toBeNull();
  expect(account.unsentCalls).toBe(1);
  // Losing the call takes its own button.
  await panel.getByRole('button', { name: 'Sign out and lose 1 logged call' }).click();
  await expect(panel.getByRole('form', { name: 'Connect Zoho CRM' })).toBeVisible();
});

test('a sign-in Zoho revoked is renewed with a new grant code, keeping the synced data', async ({
  page,
  served,
  crm,
}) => {
  // Two syncs of an organisation on a slow network, and one that fails between them.
  test.setTimeout(120_000);
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant', 'EU');
  const freshness = page.getByRole('status', { name: 'Data freshness' });
  await expect(freshness).toHaveText('Zoho CRM, synced just now', { timeout: 30_000 });
  const people = (await callApi(page.request, served, 'listPeople', {})).total;

  // Zoho revokes the refresh token (an admin, or a year unused): the sync says what to do.
  crm.refreshTokenRevoked = true;
  crm.inject('invalid-token', { path: /^\/crm\/v8\//, times: 1 });
  // The run fails in milliseconds, and its failure is pushed on the event stream while Sync now's
  // own answer (the run "syncing") is still on its way: here it is held until the failure shows.
  let answer = (): void => undefined;
  const answered = new Promise<void>((ok) => (answer = ok));
  await page.route('**/api/call/syncNow', async (route) => {
    const response = await route.fetch();
    await answered;
    await route.fulfill({ response });
  });
  await panel.getByRole('button', { name: 'Sync now' }).click();
  const revoked = "Connect again with a new grant code: this computer's copy of the CRM is kept.";
  await expect(panel.getByRole('alert')).toContainText(revoked, { timeout: 30_000 });
  // What happened, then what to do, once: Zoho's own advice ("… and connect again") is left out.
  await expect(panel.getByRole('alert')).toHaveText(
    `Zoho refused the refresh token (invalid_code): the refresh token is expired or revoked. ${revoked}`,
  );
  const signOut = panel.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeDisabled();
  answer();
  // The answer is in (the buttons it held are free): the older "syncing" it carries is not shown
  // over the failure, in the very render that freed them.
  await expect(signOut).toBeEnabled();
  expect(await panel.getByRole('alert').allTextContents()).toEqual([
    expect.stringContaining(revoked),
  ]);
  await expect(panel.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  await page.unroute('**/api/call/syncNow');

  await panel.getByRole('button', { name: 'Connect again' }).click();
  const form = panel.getByRole('form', { name: 'Connect again' });
  crm.grantCodes.add('1000.second-grant');
  await form.getByLabel('Grant code').fill('1000.second-grant');
  await form.getByRole('button', { name: 'Connect again' }).click();
  await expect(form).toHaveCount(0);
  await expect(panel.getByRole('status')).toContainText('synced just now', { timeout: 30_000 });
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(panel).toContainText('Connected to Test Org');
  await expect(freshness).toHaveText('Zoho CRM, synced just now');
  expect((await callApi(page.request, served, 'listPeople', {})).total).toBe(people);
});

test('a sign-in Zoho stops accepting mid-sync is said in one plain sentence, without the API path, and the synced data stays', async ({
  page,
  served,
  crm,
}) => {
  test.setTimeout(120_000);
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant', 'EU');
  const freshness = page.getByRole('status', { name: 'Data freshness' });
  await expect(freshness).toHaveText('Zoho CRM, synced just now', { timeout: 30_000 });
  const people = (await callApi(page.request, served, 'listPeople', {})).total;

  // Zoho revokes the access tokens (an admin signs the app out) after the run's first requests:
  // a refreshed one is refused too.
  crm.inject('invalid-token', { path: /^\/crm\/v8\//, skip: 2, times: 50 });
  await panel.getByRole('button', { name: 'Sync now' }).click();

  const alert = panel.getByRole('alert');
  await expect(alert).toHaveText(
    "Zoho no longer accepts this sign-in (INVALID_TOKEN). Connect again with a new grant code: this computer's copy of the CRM is kept.",
    { timeout: 30_000 },
  );
  // Where it failed is for the log; the user is on the panel it would name.
  await expect(alert).not.toContainText('/crm/v8/');
  await expect(alert).not.toContainText('Settings › CRM account');
  await expect(panel.getByRole('button', { name: 'Connect again' })).toBeVisible();
  expect((await callApi(page.request, served, 'listPeople', {})).total).toBe(people);
});

test('a call Zoho refuses says why in Settings, goes on Retry once mended, and one discarded no longer holds up sign-out', async ({
  page,
  served,
  crm,
}) => {
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant', 'EU');
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    'Zoho CRM, synced just now',
    { timeout: 30_000 },
  );
  // An administrator makes a custom field of Calls mandatory: Zoho refuses the app's calls.
  crm.data.requireField('Calls', 'Region');
  const session = await callApi(page.request, served, 'getSession', {});
  const kai = session.users.find((u) => u.name === 'Kai Rep');
  if (!kai) throw new Error('the test organisation has no Kai Rep');
  await callApi(page.request, served, 'setCurrentUser', { userId: kai.id });
  const people = await callApi(page.request, served, 'listPeople', { ownerId: kai.id });
  const [first, second] = people.rows;
  if (!first || !second) throw new Error('Kai Rep owns fewer than two people');
  await callApi(page.request, served, 'logCall', { personId: first.id, outcome: 'no_answer' });
  await page.reload();
  await panel.getByRole('button', { name: 'Sync now' }).click();
  const refused = panel.getByRole('region', { name: 'Calls Zoho refused' });
  await expect(refused).toContainText(`Call with ${first.name}`, { timeout: 30_000 });
  await expect(refused).toContainText(
    'Zoho did not accept the call "Call: no answer": it requires a value in the field Region, which the app does not give (an administrator may have made it mandatory on Calls)',
  );
  await expect(refused).toContainText('no sync sends it again by itself');
  await expect(panel.locator('.crm-unsent')).toHaveCount(0);
  // Said once, in the list with its buttons: not again among the sync's notes under it.
  const told = (await panel.innerText()).split('Zoho did not accept the call').length - 1;
  expect(told).toBe(1);
  // Sign-out says what to do about it, not "sync while online first", and where: the list
  // above it on this panel, not "Settings › CRM account", where the user already is.
  await panel.getByRole('button', { name: 'Sign out' }).click();
  const why = panel.getByRole('alert');
  await expect(why).toContainText(
    'Zoho refused it (the list above says why). Send it again with Retry in the list above once that is mended in Zoho, or discard it there',
  );
  await expect(why).not.toContainText('Settings › CRM account');

  // Mended in Zoho: Retry sends it, once.
  crm.data.mandatoryFields.delete('Calls');
  const callsWith = (personId: string): number =>
    [...crm.data.table('Calls').values()].filter((c) =>
      ['Who_Id', 'What_Id'].some((f) => (c[f] as { id?: string } | null)?.id === personId),
    ).length;
  const before = callsWith(first.id);
  await refused.getByRole('button', { name: 'Retry' }).click();
  await expect(refused).toHaveCount(0);
  await expect.poll(() => callsWith(first.id), { timeout: 30_000 }).toBe(before + 1);

  // Another one refused, and discarded: sign-out no longer asks to lose it.
  crm.data.requireField('Calls', 'Region');
  await callApi(page.request, served, 'logCall', { personId: second.id, outcome: 'busy' });
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(refused).toContainText(`Call with ${second.name}`, { timeout: 30_000 });
  await refused.getByRole('button', { name: 'Discard' }).click();
  await expect(refused).toHaveCount(0);
  const account = await callApi(page.request, served, 'getCrmAccount', {});
  expect(account.unsentCalls).toBe(0);
  await panel.getByRole('button', { name: 'Sign out' }).click();
  await expect(panel.getByRole('form', { name: 'Connect Zoho CRM' })).toBeVisible();
});

test('a task change Zoho refuses says which task and why in Settings, is refused again on Retry while not mended, and is let go on Discard', async ({
  page,
  served,
  crm,
}) => {
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant', 'EU');
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    'Zoho CRM, synced just now',
    { timeout: 30_000 },
  );
  const task = [...crm.data.table('Tasks').values()].find((t) => t['Status'] === 'Not Started');
  if (!task) throw new Error('the test organisation has no open task');
  const who = crm.data.table('Contacts').get((task['Who_Id'] as { id: string }).id);
  const person = `${String(who?.['First_Name'])} ${String(who?.['Last_Name'])}`;
  await callApi(page.request, served, 'changeTask', { activityId: task.id, action: 'done' });
  // Deleted in Zoho before the change reached it: Zoho refuses it.
  crm.data.remove('Tasks', task.id);
  await page.reload();
  await panel.getByRole('button', { name: 'Sync now' }).click();
  const refused = panel.getByRole('region', { name: 'Task changes Zoho refused' });
  await expect(refused).toContainText(
    `Zoho refused a task change made here: the task stays as you left it in this app, and no sync sends it again by itself.`,
    { timeout: 30_000 },
  );
  await expect(refused.getByRole('listitem')).toHaveCount(1);
  await expect(refused.getByRole('listitem')).toContainText(
    `“${String(task['Subject'])}” with ${person} marked done: Zoho did not accept the change to the task "${String(task['Subject'])}": Zoho no longer holds this task`,
  );
  await expect(panel.getByRole('region', { name: 'Calls Zoho refused' })).toHaveCount(0);

  // Still deleted there: Retry sends it once more, and Zoho refuses it again.
  const puts = (): number =>
    crm.requests.filter((r) => r.method === 'PUT' && r.path === '/crm/v8/Tasks').length;
  const before = puts();
  await refused.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(puts, { timeout: 30_000 }).toBe(before + 1);
  await expect(refused.getByRole('listitem')).toHaveCount(1, { timeout: 30_000 });

  await refused.getByRole('button', { name: 'Discard' }).click();
  await expect(refused).toHaveCount(0);
  expect((await callApi(page.request, served, 'getCrmAccount', {})).unsentTasks).toBe(0);
});

test('a sync interval is stored when the rep is done typing it, not at each keystroke', async ({
  page,
  served,
}) => {
  const { panel } = await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant', 'EU');
  await expect(panel).toContainText('Connected to Test Org');
  const field = panel.getByLabel('Sync records every');
  const before = (await callApi(page.request, served, 'getCrmAccount', {})).schedule;
  const saves: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call/updateSyncSchedule')) saves.push(r.postData() ?? '');
  });
  // Backspace over the number, then 30: as a person retypes it.
  await field.click();
  await field.press('End');
  for (let i = String(before.recordsMinutes).length; i > 0; i--) await field.press('Backspace');
  await field.pressSequentially('30');
  await expect(field).toHaveValue('30');
  expect(saves).toHaveLength(0);
  await field.press('Tab');
  await expect.poll(() => saves.length).toBe(1);
  await expect
    .poll(async () => (await callApi(page.request, served, 'getCrmAccount', {})).schedule)
    .toMatchObject({ recordsMinutes: 30 });

  // Out of range: said so, and nothing is sent.
  await field.fill('0');
  await field.press('Enter');
  await expect(panel.getByText('a whole number from 1 to 1440')).toBeVisible();
  await page.waitForTimeout(300);
  expect(saves).toHaveLength(1);
});

test('a rep signed in to Zoho is the app’s user: the sidebar names them and offers no one else', async ({
  page,
  served,
  crm,
}) => {
  const rep = crm.data.users.find((u) => u.profile.name !== 'Administrator');
  if (!rep) throw new Error('the test organisation has a rep');
  crm.data.currentUserId = rep.id;
  // The demo lets anyone try every role.
  await page.goto(served.openUrl);
  await expect(page.getByRole('combobox', { name: 'Signed in as' })).toBeVisible();
  await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant');
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    /Zoho CRM, synced/,
    { timeout: 30_000 },
  );
  await expect(page.getByLabel('Signed in as')).toHaveText(`Signed in as${rep.full_name} (rep)`);
  await expect(page.getByRole('combobox', { name: 'Signed in as' })).toHaveCount(0);
});

test('in the browser version the panel says the sign-in is kept in the web host’s memory, not in a keychain', async ({
  page,
  served,
}) => {
  await page.goto(`${served.openUrl}#/settings`);
  const panel = page.getByRole('article', { name: 'CRM account' });
  const form = panel.getByRole('form', { name: 'Connect Zoho CRM' });
  await expect(form).toContainText(
    "The secret and the tokens are kept in the web host's memory until it stops",
  );
  await expect(panel).not.toContainText('keychain');

  await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant');
  await expect(panel).toContainText('Connected to Test Org');
  await expect(panel).toContainText(
    'The web host keeps the sign-in in memory only: you will connect again once it stops.',
  );
  await expect(panel).not.toContainText('keychain');
});

webTest(
  'the connect instructions name every scope the app asks for, break only between scopes, and copy as Zoho takes them',
  async ({ page, served }) => {
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(`${served.openUrl}#/settings`);
    const scopes = page.getByRole('form', { name: 'Connect Zoho CRM' }).locator('code');
    const list =
      'ZohoCRM.modules.ALL,ZohoCRM.modules.emails.READ,ZohoCRM.bulk.read,ZohoCRM.users.READ,ZohoCRM.org.READ,ZohoCRM.settings.READ,ZohoCRM.settings.variables.ALL,ZohoSearch.securesearch.READ';
    await expect(scopes).toBeVisible();
    expect(await scopes.textContent()).toBe(list);
    // In the page (the tests' types have no DOM): how many lines the list takes, the scopes a line
    // break cuts, and what selecting the list copies.
    const { lines, split, copied } = (await page.evaluate(`(() => {
    const code = document.querySelector('form[aria-label="Connect Zoho CRM"] code');
    const texts = [];
    let text = '';
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      texts.push({ node: n, start: text.length });
      text += n.data;
    }
    const at = (i) => {
      const t = texts.findLast((x) => x.start <= i);
      return [t.node, i - t.start];
    };
    const linesOf = (from, to) => {
      const range = document.createRange();
      range.setStart(...at(from));
      range.setEnd(...at(to));
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      return new Set(rects.map((r) => Math.round(r.top))).size;
    };
    const split = [];
    let i = 0;
    for (const scope of text.split(',')) {
      if (linesOf(i, i + scope.length) > 1) split.push(scope);
      i += scope.length + 1;
    }
    document.getSelection().selectAllChildren(code);
    return { lines: linesOf(0, text.length), split, copied: document.getSelection().toString() };
  })()`)) as { lines: number; split: string[]; copied: string };
    // The list wraps at this width, and never inside a scope.
    expect(lines).toBeGreaterThan(1);
    expect(split).toEqual([]);
    expect(copied).toBe(list);
  },
);

test.describe('with a CRM copy that cannot be opened', () => {
  test.use({ crmCopyText: 'not a database, as a half-restored backup may be '.repeat(40) });

  test('Settings says why the CRM data is not there, and connecting moves the file aside and syncs afresh', async ({
    page,
    served,
  }) => {
    await page.goto(`${served.openUrl}#/settings`);
    const panel = page.getByRole('article', { name: 'CRM account' });
    // Before, the panel showed a bare Connect form: the message lived only in the API.
    const why = panel.getByRole('alert');
    await expect(why).toContainText('Cannot open the database at');
    await expect(why).toContainText('Connecting moves the file aside');
    await connectInSettings(page, served.openUrl, CLIENT, '1000.good-grant');
    await expect(panel).toContainText('Connected to Test Org', { timeout: 30_000 });
    await expect
      .poll(async () => (await callApi(page.request, served, 'getSession', {})).org.isDemo, {
        timeout: 30_000,
      })
      .toBe(false);
  });
});
