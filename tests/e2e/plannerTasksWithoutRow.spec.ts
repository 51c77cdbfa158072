import { DateTime } from 'luxon';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { currentUser } from '../../src/main/core/session';
import { callApi, E2E_NOW, expect, pauseClockSoon, test } from './webHostFixture';

const BERLIN = 'Europe/Berlin';
/**
 * The tests' today is Monday 23 November. Two people new to the rep, never called or e-mailed
 * (no window learned: no row on the plan), each with an open task: one due last Friday, one due
 * today. And two tasks of a person with a row: the older, due last Thursday, is the one their row
 * shows; the other, due on Sunday (a closed day), the row does not show.
 */
const UNROWED = [
  {
    person: 'e2e-p-quinn',
    first: 'Quinn',
    last: 'Nowindow',
    due: '2026-11-20',
    task: 'e2e-t-friday',
    subject: 'E2E: chase the signed order',
  },
  {
    person: 'e2e-p-ruth',
    first: 'Ruth',
    last: 'Nowindow',
    due: '2026-11-23',
    task: 'e2e-t-today',
    subject: 'E2E: send the price list',
  },
] as const;
const ROWED = { task: 'e2e-t-rowed', subject: 'E2E: confirm the delivery date', due: '2026-11-19' };
const ROWED_SECOND = {
  task: 'e2e-t-rowed-second',
  subject: 'E2E: book the site visit',
  due: '2026-11-22',
};

test.use({
  beforeStart: {
    write: (db) => {
      const rep = currentUser(db);
      if (!rep) throw new Error('the demo has no rep');
      const raw = rawHandle(db);
      raw.prepare(`update users set time_zone = ? where id = ?`).run(BERLIN, rep.id);
      // The demo's own open tasks are done already: the list holds only the ones seeded here.
      raw
        .prepare(
          `update activities set status = 'completed'
           where owner_id = ? and kind = 'task' and status = 'scheduled'`,
        )
        .run(rep.id);
      const task = raw.prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
           started_at, duration_s, subject, status, source_module, source_id, due_date)
         values (?, ?, ?, null, 'task', 'task', 'out', ?, null, ?, 'scheduled', 'Tasks', ?, ?)`,
      );
      const at = (due: string): number =>
        DateTime.fromISO(`${due}T09:00`, { zone: BERLIN }).toMillis();
      for (const u of UNROWED) {
        raw
          .prepare(
            `insert into people (id, module, first_name, last_name, owner_id, time_zone,
               created_at, modified_at)
             values (?, 'contact', ?, ?, ?, ?, 0, 0)`,
          )
          .run(u.person, u.first, u.last, rep.id, BERLIN);
        task.run(u.task, u.person, rep.id, at(u.due), u.subject, u.task, u.due);
      }
      const rowed = raw
        .prepare(
          `select person_id from best_time_windows w join people p on p.id = w.person_id
           where p.owner_id = ? and w.channel = 'call' order by p.id limit 1`,
        )
        .pluck()
        .get(rep.id) as string | undefined;
      if (!rowed) throw new Error(`the demo's ${rep.id} has nobody with a call window`);
      raw
        .prepare(
          `delete from activities where person_id = ? and (status = 'scheduled' or kind = 'meeting')`,
        )
        .run(rowed);
      for (const t of [ROWED, ROWED_SECOND])
        task.run(t.task, rowed, rep.id, at(t.due), t.subject, t.task, t.due);
    },
  },
});

test('the open tasks no row shows are listed above the plan, oldest first, and one marked done there goes', async ({
  page,
  served,
}) => {
  const plan = await callApi(page.request, served, 'getPlanner', {});
  expect(plan.date).toBe(DateTime.fromMillis(E2E_NOW, { zone: BERLIN }).toISODate());
  // The older task of the person with a row is on the row.
  const rowed = plan.rows.find((r) => r.next?.taskId === ROWED.task);
  expect(rowed).toBeDefined();
  const rowedName = rowed?.name ?? '';

  await page.goto(served.openUrl);
  await pauseClockSoon(page);
  const section = page.getByRole('region', { name: 'Other tasks due (3)' });
  const tasks = section.getByRole('list', { name: 'Other tasks due (3)' });
  const items = tasks.getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText(
    `Quinn Nowindow “${UNROWED[0].subject}” overdue: due Fri 20 Nov`,
  );
  // The rowed person's second task: their row shows the older one only.
  await expect(items.nth(1).getByRole('link', { name: rowedName })).toBeVisible();
  await expect(items.nth(1)).toContainText(`“${ROWED_SECOND.subject}” overdue: due yesterday`);
  await expect(items.nth(2)).toContainText(`Ruth Nowindow “${UNROWED[1].subject}” due today`);
  await expect(items.nth(0).getByRole('link', { name: 'Quinn Nowindow' })).toHaveAttribute(
    'href',
    `#/person/${UNROWED[0].person}`,
  );
  // Not listed twice: the task a row shows is on the row only.
  await expect(section).not.toContainText(ROWED.subject);

  // The name search finds them by their person, as it finds rows.
  const search = page.getByRole('searchbox', { name: 'Filter the plan' });
  await search.fill('Ruth');
  await expect(page.getByRole('heading', { name: 'Other tasks due (1 of 3)' })).toBeVisible();
  await search.fill('');

  // From the keyboard: Tab from the person's link reaches the task's actions.
  await items.nth(0).getByRole('link', { name: 'Quinn Nowindow' }).focus();
  await page.keyboard.press('Tab');
  const done = items
    .nth(0)
    .getByRole('group', { name: `Task “${UNROWED[0].subject}”` })
    .getByRole('button', { name: 'Mark done' });
  await expect(done).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'Quinn Nowindow: task' })).toContainText(
    `Quinn Nowindow: task “${UNROWED[0].subject}” done.`,
  );
  const left = page.getByRole('list', { name: 'Other tasks due (2)' }).getByRole('listitem');
  await expect(left).toHaveCount(2);
  await expect(left.nth(0)).toContainText(ROWED_SECOND.subject);
  await expect(left.nth(1)).toContainText('Ruth Nowindow');
  // The focus goes to the task now in its place, not to the top of the page.
  await expect(left.nth(0).getByRole('button', { name: 'Mark done' })).toBeFocused();
  // The plan's d (done) is for its selected row: pressed here it marks no row the rep is not on.
  await page.keyboard.press('d');
  const after = await callApi(page.request, served, 'getPlanner', {});
  expect(after.tasksWithoutRow?.map((t) => t.id)).toEqual([ROWED_SECOND.task, UNROWED[1].task]);
  expect(after.rows.filter((r) => r.action === 'done')).toEqual([]);

  // Sunday shows no rows, only its closed line: the day's task is listed though its person has a
  // row (hidden), under a title that claims no other list.
  const day = page.getByRole('textbox', { name: 'Day', exact: true });
  await day.fill('2026-11-22');
  await day.press('Enter');
  await expect(day).toHaveValue('Sun 22 Nov 2026');
  await expect(page.getByRole('status').filter({ hasText: 'nothing to plan' })).toBeVisible();
  const sunday = page.getByRole('list', { name: 'Tasks due (1)' }).getByRole('listitem');
  await expect(sunday).toHaveCount(1);
  await expect(sunday.getByRole('link', { name: rowedName })).toBeVisible();
  await expect(sunday).toContainText(`“${ROWED_SECOND.subject}”`);
});

test('on a past day’s plan, a task due that day and still open was due that day and is overdue now', async ({
  page,
  served,
}) => {
  // Friday 20 November, looked back on from Monday: its rows read as of that day, its tasks too.
  await page.goto(`${served.openUrl}#/planner?day=${UNROWED[0].due}`);
  const item = page
    .getByRole('region', { name: /tasks due/i })
    .getByRole('listitem')
    .filter({ hasText: UNROWED[0].subject });
  await expect(item).toContainText(`“${UNROWED[0].subject}” due that day · overdue now`);
  await expect(item).not.toContainText('overdue: due');
});
