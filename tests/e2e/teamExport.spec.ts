import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Page } from '@playwright/test';
import { callApi, expect, test } from './webHostFixture';
import { teamBlockState } from '../../src/shared/teamBlockState';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { parseBusinessHours } from '../../src/main/besttime/model/businessHours';

/** Clicks an export button and reads the file it downloads (a CSV without its byte-order mark). */
async function save(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return readFileSync((await download.path()) ?? '', 'utf8').replace(/^\uFEFF/, '');
}

/** A CSV's lines after its header, as cells (the demo's names hold no comma or quote). */
const linesOf = (csv: string): string[][] =>
  csv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(','));

test.describe("the Team page's export (TM-2)", () => {
  test('exports what the board shows: each window in its state, with the filters the page has', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    const before = await callApi(page.request, served, 'getTeamDay', { channel: 'call' });
    const anna = before.reps.find((r) => r.repId === 'u-r1');
    // A call window of Anna's open now, of 2★ or more, nobody called in yet.
    const open = anna?.blocks.find(
      (b) => b.stars >= 2 && b.counted && !b.worked && b.start <= before.now && before.now < b.end,
    );
    if (!anna || !open) throw new Error('Anna has no call window open at 10:00');
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-r1' });
    await callApi(page.request, served, 'logCall', {
      personId: open.personId,
      outcome: 'answered',
      durationMin: 3,
      note: '',
    });
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.goto(`${served.openUrl}#/team`);
    await expect(page.getByRole('group', { name: "Anna Keller's day" })).toBeVisible();

    // Everything the board draws, in the states its blocks read: the window called in is
    // "worked" (it read the planner's "now" in the export before).
    const all = linesOf(await save(page, 'Export CSV'));
    const start = DateTime.fromMillis(open.start, { zone: before.manager.timeZone }).toISO({
      suppressMilliseconds: true,
    });
    const called = all.filter(
      (l) => l[0] === 'Anna Keller' && l[1] === open.name && l[2] === 'call' && l[4] === start,
    );
    expect(called.map((l) => l[3])).toEqual(['worked']);
    const words = new Set(all.map((l) => l[3]));
    for (const w of ['struck', 'none']) expect(words.has(w)).toBe(false);
    expect(words.has('passed')).toBe(true);

    // The page's filters: calls, 2★ or more, passed windows hidden. The board and the file agree.
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('call');
    await page.getByRole('combobox', { name: 'Stars' }).selectOption({ label: '2★ or more' });
    await page.getByRole('checkbox', { name: 'Hide passed' }).check();
    const board = page.getByRole('region', { name: "The team's day" });
    await expect(board.locator('.team-block[data-state="passed"]')).toHaveCount(0);
    await expect(board.locator('.team-block').first()).toBeVisible();
    const filtered = linesOf(await save(page, 'Export CSV'));
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(all.length);
    for (const l of filtered) {
      expect(l[2]).toBe('call');
      expect(Number(l[6])).toBeGreaterThanOrEqual(2);
      expect(l[3]).not.toBe('passed');
    }
    // Each window of the file in the state the board's block reads.
    const day = await callApi(page.request, served, 'getTeamDay', { channel: 'call' });
    let compared = 0;
    for (const lane of day.reps)
      for (const b of lane.blocks) {
        if (b.stars < 2) continue;
        const iso = DateTime.fromMillis(b.start, { zone: day.manager.timeZone }).toISO({
          suppressMilliseconds: true,
        });
        const line = filtered.find((l) => l[0] === lane.name && l[1] === b.name && l[4] === iso);
        const state = teamBlockState(b, day.now);
        if (state === 'passed') expect(line).toBeUndefined();
        else {
          expect(line?.[3]).toBe(state);
          compared++;
        }
      }
    expect(compared).toBeGreaterThan(50);

    // The calendar: the windows shown still to work, in window now or to come.
    const ics = await save(page, 'Export calendar (.ics)');
    const events = [...ics.matchAll(/^BEGIN:VEVENT$/gm)].length;
    expect(events).toBe(filtered.filter((l) => l[3] === 'now' || l[3] === 'upcoming').length);
  });

  test('gives every time in the zone the page names, Tokyo’s and Sydney’s reps too, in the order the windows open', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    const day = await callApi(page.request, served, 'getTeamDay', {});
    const zone = day.manager.timeZone;
    expect(zone).toBe('Europe/Berlin');
    await page.goto(`${served.openUrl}#/team`);
    await expect(page.getByText(/times in Berlin \(UTC\+1\)/)).toBeVisible();
    const csv = await save(page, 'Export CSV');
    expect(csv.split('\r\n')[0]).toBe(
      'rep,person,channel,state,start,end,stars,time_zone,start_utc,end_utc',
    );
    const lines = linesOf(csv);
    const yui = lines.filter((l) => l[0] === 'Yui Mori' && l[4]);
    expect(yui.length).toBeGreaterThan(0);
    // Yui works in Tokyo: her 09:00 is 01:00 on the Berlin page, and so in the file.
    const lane = day.reps.find((r) => r.name === 'Yui Mori');
    const first = lane?.blocks.slice().sort((a, b) => a.start - b.start)[0];
    if (!first) throw new Error('Yui Mori has no window on the Team page');
    expect(yui.map((l) => l[4])).toContain(
      DateTime.fromMillis(first.start, { zone }).toISO({ suppressMilliseconds: true }),
    );
    for (const l of lines) {
      expect(l[7]).toBe('Europe/Berlin');
      if (l[4]) expect(l[4]).toMatch(/\+01:00$/);
      if (l[5]) expect(l[5]).toMatch(/\+01:00$/);
    }
    // Sorted as text, the starts are sorted in time (one offset all day: no clock change).
    const starts = lines.map((l) => l[4]).filter((x): x is string => !!x);
    const byText = [...starts].sort();
    const inTime = starts.map((x) => DateTime.fromISO(x).toMillis()).sort((a, b) => a - b);
    expect(byText.map((x) => DateTime.fromISO(x).toMillis())).toEqual(inTime);
    // And the file comes so: the team's windows in the order they open, not rep by rep.
    expect(starts.map((x) => DateTime.fromISO(x).toMillis())).toEqual(inTime);
    // Each start and end again in UTC, the instant itself.
    for (const l of lines) {
      expect(l[8]).toBe(
        l[4] ? DateTime.fromISO(l[4]).toUTC().toISO({ suppressMilliseconds: true }) : '',
      );
      expect(l[9]).toBe(
        l[5] ? DateTime.fromISO(l[5]).toUTC().toISO({ suppressMilliseconds: true }) : '',
      );
    }
  });
});

test.describe("the Team page's export on Berlin's autumn change day (TM-2)", () => {
  // Sunday 25 October 2026: Berlin's clocks go back at 03:00 to 02:00, so 02:00-03:00 comes twice.
  // Yui (Tokyo) and Chloe (Sydney) work that Sunday here, each with a window in the repeated hour
  // on Greta's Berlin page: Yui's 09:45 Tokyo is the first 02:45 (+02:00, 00:45 UTC), Chloe's
  // 12:15 Sydney the second 02:15 (+01:00, 01:15 UTC), half an hour later.
  test.use({
    beforeStart: {
      write: (db) => {
        const raw = rawHandle(db);
        for (const [shift, zone, rep, person, from, to] of [
          ['e2e-tyo-sun', 'Asia/Tokyo', 'u-r3', 'e2e-yui-sun', 9 * 60 + 45, 10 * 60 + 45],
          ['e2e-syd-sun', 'Australia/Sydney', 'u-r5', 'e2e-chloe-sun', 12 * 60 + 15, 13 * 60 + 15],
        ] as const) {
          raw
            .prepare('insert into shifts (id, name, time_zone, hours) values (?, ?, ?, ?)')
            .run(
              shift,
              `Sundays ${zone}`,
              zone,
              JSON.stringify(parseBusinessHours('Sun 08:00-18:00')),
            );
          raw.prepare('update users set shift_id = ? where id = ?').run(shift, rep);
          raw
            .prepare(
              `insert into people (id, module, first_name, last_name, owner_id, time_zone, created_at,
                 modified_at) values (?, 'lead', 'Sunday', ?, ?, ?, 0, 0)`,
            )
            .run(person, person, rep, zone);
          raw
            .prepare(
              'insert into best_time_windows (person_id, channel, time_zone, windows) values (?, ?, ?, ?)',
            )
            .run(person, 'call', zone, JSON.stringify([[7, from, to, 4, 'answered calls']]));
        }
      },
    },
  });

  test('gives each window its UTC start, which sorts as text in the order they happen where the local times do not', async ({
    page,
    served,
  }) => {
    await callApi(page.request, served, 'setCurrentUser', { userId: 'u-m1' });
    await page.goto(`${served.openUrl}#/team`);
    const day = page.getByRole('textbox', { name: 'Day', exact: true });
    await day.fill('25 Oct 2026');
    await day.press('Enter');
    await expect(day).toHaveValue('Sun 25 Oct 2026');
    const board = page.getByRole('region', { name: "The team's day" });
    await expect(
      board.getByRole('group', { name: "Yui Mori's day" }).locator('.team-block'),
    ).toHaveCount(1);
    const csv = await save(page, 'Export CSV');
    const header = csv.split('\r\n')[0]?.split(',') ?? [];
    expect(header).toEqual([
      'rep',
      'person',
      'channel',
      'state',
      'start',
      'end',
      'stars',
      'time_zone',
      'start_utc',
      'end_utc',
    ]);
    const rows = linesOf(csv).filter((l) => l[1]?.startsWith('Sunday e2e-'));
    // The file's order is the order they happen, and start_utc says so.
    expect(rows.map((l) => [l[0], l[4], l[8]])).toEqual([
      ['Yui Mori', '2026-10-25T02:45:00+02:00', '2026-10-25T00:45:00Z'],
      ['Chloe Martin', '2026-10-25T02:15:00+01:00', '2026-10-25T01:15:00Z'],
    ]);
    // A spreadsheet's sort by the local start puts Chloe first, half an hour early; by start_utc
    // it keeps the order they happen in.
    const sorted = (column: number) =>
      [...rows].sort((a, b) => (a[column] ?? '').localeCompare(b[column] ?? '')).map((l) => l[0]);
    expect(sorted(4)).toEqual(['Chloe Martin', 'Yui Mori']);
    expect(sorted(8)).toEqual(['Yui Mori', 'Chloe Martin']);
  });
});
