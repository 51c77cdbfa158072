import { describe, expect, it } from 'vitest';
import type { VisitList, VisitRow } from '../../../src/shared/alertsContract';
import {
  earlierRows,
  nextCursor,
  NO_OLDER,
  withPage,
} from '../../../src/renderer/src/components/visits/earlierVisits';

const row = (id: string, startedAt: number): VisitRow => ({ id, startedAt }) as VisitRow;
const list = (earlier: VisitRow[], more: boolean, onSite: VisitRow[] = []): VisitList => ({
  now: 0,
  repTz: 'UTC',
  onSite,
  today: [],
  earlier,
  more: { today: false, earlier: more },
  onSiteLeavesAt: null,
  visitsUnavailable: null,
});

describe('the Earlier section paged back', () => {
  const head = list([row('e', 50), row('d', 40)], true);

  it('adds a page after the last row shown, and asks for the next from its last row', () => {
    expect(nextCursor(head.earlier)).toEqual({ before: 40, beforeId: 'd' });
    const older = withPage(head, NO_OLDER, list([row('c', 30), row('b', 30)], true));
    expect(earlierRows(head, older)).toEqual({
      rows: [row('e', 50), row('d', 40), row('c', 30), row('b', 30)],
      more: true,
    });
    const last = withPage(head, older, list([row('a', 10)], false));
    expect(earlierRows(head, last).rows.map((v) => v.id)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(earlierRows(head, last).more).toBe(false);
  });

  it('keeps the pages through a refresh whose first page moved, without repeating a row', () => {
    const older = withPage(head, NO_OLDER, list([row('c', 30), row('b', 30)], true));
    // A refresh: a new row on top pushes d off the first page, which now ends at e.
    const refreshed = list([row('f', 60), row('e', 50)], true);
    // d is below the new first page and was shown: it stays, the page after it too, and the
    // next page is asked for from the same last row.
    const shown = earlierRows(refreshed, older);
    expect(shown.rows.map((v) => v.id)).toEqual(['f', 'e', 'd', 'c', 'b']);
    expect(shown.more).toBe(true);
    expect(nextCursor(shown.rows)).toEqual({ before: 30, beforeId: 'b' });
  });

  it('drops a kept row that is on the website again, and everything when the first page is all', () => {
    const older = withPage(head, NO_OLDER, list([row('c', 30)], true));
    const back = list([row('e', 50), row('d', 40)], true, [row('c', 30)]);
    expect(earlierRows(back, older).rows.map((v) => v.id)).toEqual(['e', 'd']);
    const all = list([row('e', 50)], false);
    expect(earlierRows(all, older)).toEqual({ rows: [row('e', 50)], more: false });
  });
});
