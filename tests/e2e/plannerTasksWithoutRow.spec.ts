import { DateTime } from 'luxon';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { currentUser } from '../../src/main/core/session';
import { callApi, E2E_NOW, expect, pauseClockSoon, test } from './webHostFixture';

const BERLIN = 'Europe/Berlin';
/**
 * The tests' today is Monday 23 November. Two people new to the rep, never called or e-mailed
 * (no window learned: no row on the plan), each with an open task: one due last Friday, one due
 * today. And a task of a person with a row, which stays on that row only.
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
const ROWED = { task: 'e2e-t-rowed', subject: 'E2E: confirm the delivery date', due: '2026-11-23' };

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
      task.run(ROWED.task, rowed, rep.id, at(ROWED.due), ROWED.subject, ROWED.task, ROWED.due);
    },
  },
});

test('the open tasks of people with no row are listed above the plan, oldest first, and one marked done there goes', async ({
  page,
  served,
}) => {
  const plan = await callApi(page.request, served, 'getPlanner', {});
  expect(plan.date).toBe(DateTime.fromMillis(E2E_NOW, { zone: BERLIN }).toISODate());
  // The task of the person with a row is on the row.
  expect(plan.rows.some((r) => r.next?.taskId === ROWED.task)).toBe(true);

  await page.goto(served.openUrl);
  await pauseClockSoon(page);
  const section = page.getByRole('region', { name: 'Tasks of people not on the plan (2)' });
  const tasks = section.getByRole('list', { name: 'Tasks of people not on the plan (2)' });
  const items = tasks.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(
    `Quinn Nowindow “${UNROWED[0].subject}” overdue: due Fri 20 Nov`,
  );
  await expect(items.nth(1)).toContainText(`Ruth Nowindow “${UNROWED[1].subject}” due today`);
  await expect(items.nth(0).getByRole('link', { name: 'Quinn Nowindow' })).toHaveAttribute(
    'href',
    `#/person/${UNROWED[0].person}`,
  );
  // Not listed twice: the task of a person with a row is on the row only.
  await expect(section).not.toContainText(ROWED.subject);

  // The name search finds them by their person, as it finds rows.
  const search = page.getByRole('searchbox', { name: 'Filter the plan' });
  await search.fill('Ruth');
  await expect(
    page.getByRole('heading', { name: 'Tasks of people not on the plan (1 of 2)' }),
  ).toBeVisible();
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
  const left = page
    .getByRole('list', { name: 'Tasks of people not on the plan (1)' })
    .getByRole('listitem');
  await expect(left).toHaveCount(1);
  await expect(left).toContainText('Ruth Nowindow');
  // The focus goes to the task now in its place, not to the top of the page.
  await expect(left.getByRole('button', { name: 'Mark done' })).toBeFocused();
  // The plan's d (done) is for its selected row: pressed here it marks no row the rep is not on.
  await page.keyboard.press('d');
  const after = await callApi(page.request, served, 'getPlanner', {});
  expect(after.tasksWithoutRow?.map((t) => t.id)).toEqual([UNROWED[1].task]);
  expect(after.rows.filter((r) => r.action === 'done')).toEqual([]);
});
