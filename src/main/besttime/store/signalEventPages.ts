import type { SignalType } from '../../../shared/signals';
// Raw: a full relearn reads every signal of the organisation, a page of people per query.
import { rawHandle } from '../../db/bulkHandle';
import type { Db } from '../../db/openDatabase';
import { PackedEvents } from './packedEvents';
import {
  activitiesSql,
  chatsSql,
  emailVisitSignals,
  formsSql,
  gatherer,
  pagesSql,
  peopleSql,
  type ActivityRow,
  type ListRow,
  type PersonRow,
} from './signalEvents';

/**
 * People whose signals a full relearn reads per query: about 11,000 signals in the demo's mix, whose
 * objects die young; pages of 2,000 were promoted and grew the heap by 80 MB.
 */
export const RELEARN_PEOPLE_PER_PAGE = 250;

/** What a page's reading leaves held for the pages after it. */
interface PageRead {
  /** The e-mail-matched visit groups of people on pages still to come. */
  visitGroupsHeld: number;
}

/**
 * `loadSignalEvents` of everyone, packed (PackedEvents): the same events of each person, in the
 * same order. People are read a page at a time in id order, and each query reads only that
 * page's range of ids (from the person indexes), so the event objects of one page live at once,
 * never a whole organisation's: those were most of a gigabyte on 100,000 people. `onPage` hears,
 * after each page, what it left held for the pages after it.
 */
export function loadPackedSignalEvents(
  db: Db,
  orgTz: string,
  repId: string | null,
  peoplePerPage = RELEARN_PEOPLE_PER_PAGE,
  onPage?: (read: PageRead) => void,
): PackedEvents {
  const handle = rawHandle(db);
  // The visits linked to nobody, matched to people by e-mail for everyone at once as the whole
  // load matches them (the tie-break between people sharing an e-mail sees them all); only the
  // text of their instants waits for each person's page.
  const visitors = new Map<string, [string, SignalType][]>();
  for (const [personId, ats, type] of emailVisitSignals(db, repId, null)) {
    const list = visitors.get(personId);
    if (list) list.push([ats, type]);
    else visitors.set(personId, [[ats, type]]);
  }
  const firstPage = handle.prepare(`${peopleSql('')} order by p.id limit ?`).raw();
  const nextPage = handle.prepare(`${peopleSql('where p.id > ?')} order by p.id limit ?`).raw();
  const between = (column: string): string => `and ${column} between ? and ?`;
  const activities = handle.prepare(activitiesSql(between('person_id'), '')).raw();
  const chats = handle.prepare(chatsSql(between('person_id'), '')).raw();
  const pages = handle.prepare(pagesSql(between('v.person_id'), '')).raw();
  const forms = handle.prepare(formsSql(between('v.person_id'), '')).raw();
  const packed = new PackedEvents();
  let page = firstPage.all(peoplePerPage) as PersonRow[];
  while (page.length > 0) {
    const first = (page[0] as PersonRow)[0];
    const last = (page[page.length - 1] as PersonRow)[0];
    const gathered = gatherer(orgTz, false);
    for (const row of page) gathered.person(row);
    for (const row of activities.all(first, last) as ActivityRow[]) gathered.activities(row);
    for (const row of chats.all(first, last) as ListRow[]) gathered.chats(row);
    for (const row of pages.all(first, last) as ListRow[]) gathered.pages(row);
    for (const row of forms.all(first, last) as ListRow[]) gathered.forms(row);
    for (const [id] of page) {
      for (const [ats, type] of visitors.get(id) ?? []) gathered.visitorSignals(id, ats, type);
      // Each person is on one page only: held to the end, the groups grew with anonymous traffic.
      visitors.delete(id);
    }
    for (const [id, events] of gathered.lists()) packed.add(id, events);
    onPage?.({ visitGroupsHeld: visitors.size });
    if (page.length < peoplePerPage) break;
    page = nextPage.all(last, peoplePerPage) as PersonRow[];
  }
  return packed;
}
