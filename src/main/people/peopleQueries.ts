import { sql } from 'kysely';
import { all, first } from '../db/sqlRun';
import {
  codedShownAt,
  lastActivitiesShown,
  lastActivityBy,
  lastActivityCoded,
} from './lastActivity';
import { statusAt } from '../../shared/activityStatus';
import { refusedBookings } from '../db/repos/unsentWorkCounts';
import type {
  PeoplePage,
  PeopleSort,
  PersonDetail,
  ShownWindow,
  Settings,
} from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import { personZone } from './personZone';
import { shownName } from '../../shared/personName';
import { idsByZone } from './peopleByZone';
import { searchFold } from '../../shared/searchFold';
import { personChats, personVisitSummary, personVisits } from './personVisits';
import { ownEmailKey } from './emailMatch';
import { decodeWindows, reasonOf } from '../besttime/store/windowsCodec';
import { openingFor } from '../planner/windowOccurrences';
import { planChannels } from '../../shared/planChannels';
import { nextDayWindows } from './nextDayWindows';
import { userById } from '../db/repos/users';
import { rowMarks } from '../db/repos/plans';
import { calledOffPlan, type KeptRows } from '../planner/offPlanCalls';
import { emailExchangesOf } from '../db/repos/emailExchanges';
import { emailResponsiveness, RESPONSE_LOOKBACK_MS } from '../besttime/model/emailResponsiveness';
import { DateTime } from 'luxon';
import { personNotHereMessage } from '../../shared/personNotHere';

export interface PeopleQuery {
  query: string;
  ownerId?: string | undefined;
  /** By name unless said. */
  sort?: PeopleSort | undefined;
  /** Ascending unless said. */
  direction?: 'asc' | 'desc' | undefined;
  offset: number;
  limit: number;
}

type SortColumn = 'p.module' | ReturnType<typeof sql<string | number | null>>;

/** Words of a search that count: a pasted paragraph must not become a query of hundreds of terms. */
const MAX_WORDS = 8;
/** What people write between a phone number's digits. */
const PHONE_SPACING = /[\s().\-/]/g;

/**
 * People matching the query; each one's last activity is the last that happened by `asOf`, a
 * visit included (lastActivity.ts), a visit by an e-mail shared with others being `repId`'s
 * person's as on the Visits page.
 */
export function listPeople(
  db: Db,
  orgTz: string,
  q: PeopleQuery,
  asOf: number,
  repId: string | null = null,
): PeoplePage {
  let matching = db.kysely.selectFrom('people as p');
  // Every word must be found, in any order and any of the fields: "davis mason" finds Mason Davis.
  // Folded before it is split: a spacing accent typed after a letter ("jose´") folds to a space.
  const words = searchFold(q.query).split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  for (const word of words) {
    // Escape LIKE's wildcards so a search for "50%" means what it says. Name, email and company
    // are kept folded with the row (migration 14), as the word is.
    const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // A word with a digit may be part of a phone number, written with or without its spacing:
    // "+49 337", "337-12" and "3371234" all find +49 (337) 12 34.
    const dialled = /\d/.test(word) ? word.replace(PHONE_SPACING, '') : '';
    const phone = dialled
      ? [
          sql<boolean>`replace(replace(replace(replace(replace(replace(p.phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', '') like ${`%${dialled.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
        ]
      : [];
    matching = matching.where((eb) =>
      eb.or([sql<boolean>`p.search_text like ${like} escape '\\'`, ...phone]),
    );
  }
  const ownerId = q.ownerId;
  const base = ownerId ? matching.where('p.owner_id', '=', ownerId) : matching;
  // A search narrowed to one owner also counts whom it leaves out: a rep looking up whoever just
  // called learns that a colleague's person matches, rather than that no one does. One pass of
  // the search counts both (the whole organisation's search reads every row's search text anyway;
  // the owner's index would save nothing once everyone is counted).
  const counted =
    ownerId && words.length > 0
      ? first(
          db,
          matching.select((eb) => [
            eb.fn.countAll<number>().as('everyone'),
            sql<number | null>`sum(p.owner_id = ${ownerId})`.as('n'),
          ]),
        )
      : undefined;
  const total = counted
    ? Number(counted.n ?? 0)
    : Number(
        first(
          db,
          base.select((eb) => eb.fn.countAll<number>().as('n')),
        )?.n ?? 0,
      );
  const othersMatching = counted ? Number(counted.everyone) - total : null;
  // Their time zone is worked out from their country or phone, which SQLite cannot: everyone
  // matching is ordered here (peopleByZone.ts). Any other order is SQLite's, over ids alone; the
  // page is then read by id, its last activity and what it was for its rows only (review 50:
  // asked of everyone ordered by name, or per row, they made the list up to 6 times slower).
  const dir = q.direction ?? 'asc';
  const page =
    q.sort === 'timeZone'
      ? idsByZone(
          all(
            db,
            base.select([
              'p.id',
              'p.time_zone',
              'p.country',
              'p.phone',
              'p.first_name',
              'p.last_name',
            ]),
          ),
          orgTz,
          asOf,
          dir,
          q.offset,
          q.limit,
        )
      : all(
          db,
          base
            .leftJoin('users as u', 'u.id', 'p.owner_id')
            .select('p.id')
            .$call((query) => {
              // Ordered here, over everyone matching: the page holds only the first rows. An empty
              // field goes last both ways, as CRM lists put it; names break ties, then the id.
              const by = (column: SortColumn) =>
                query.orderBy(column, (o) => (dir === 'asc' ? o.asc() : o.desc()).nullsLast());
              const sorted =
                q.sort === 'type'
                  ? by('p.module')
                  : q.sort === 'company'
                    ? by(sql<string | null>`p.company collate nocase`)
                    : q.sort === 'email'
                      ? by(sql<string | null>`p.email collate nocase`)
                      : q.sort === 'owner'
                        ? by(sql<string | null>`u.name collate nocase`)
                        : q.sort === 'lastActivity'
                          ? // The latest that happened, a visit included: four seeks a person in
                            // indexes that hold all they ask (lastActivityBy), for this order only.
                            by(lastActivityBy('p', asOf, repId))
                          : query;
              const names = (q.sort ?? 'name') === 'name' ? dir : 'asc';
              return sorted
                .orderBy('p.last_name', names)
                .orderBy('p.first_name', names)
                .orderBy('p.id', names);
            })
            .limit(q.limit)
            .offset(q.offset),
        ).map((r) => r.id);
  const place = new Map(page.map((id, i) => [id, i]));
  const rows = all(
    db,
    db.kysely
      .selectFrom('people as p')
      .leftJoin('users as u', 'u.id', 'p.owner_id')
      .select([
        'p.id',
        'p.module',
        'p.first_name',
        'p.last_name',
        'p.company',
        'p.country',
        'p.phone',
        'p.email',
        'p.time_zone',
        'u.name as owner_name',
      ])
      .select(lastActivityCoded('p', asOf, repId).as('coded'))
      .where('p.id', 'in', page.length ? page : ['']),
  ).sort((a, b) => (place.get(a.id) ?? 0) - (place.get(b.id) ?? 0));
  // What it was, in one query for the page.
  const shown = lastActivitiesShown(db, rows, asOf);
  return {
    total,
    othersMatching,
    rows: rows.map((r) => {
      const what = shown.get(r.id);
      return {
        id: r.id,
        module: r.module,
        name: shownName(r.first_name, r.last_name),
        company: r.company,
        email: r.email,
        timeZone: personZone(r.time_zone, orgTz, r.country, r.phone),
        ownerName: r.owner_name,
        lastActivityAt: codedShownAt(r.coded, asOf),
        lastActivityKind: what?.kind ?? null,
        onSiteUntil: what?.onSiteUntil ?? null,
      };
    }),
  };
}

class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export function getPerson(
  db: Db,
  orgTz: string,
  id: string,
  settings: Settings,
  /** When reasons are worded for ("last 3 days ago") and the next day's windows are dated from. */
  asOf: number,
  /** The signed-in rep, whose tie-break decides whose a visit matched by a shared e-mail is. */
  repId: string | null,
  /** The rep's rows of a day as the planner shows them now (`DayPlanKeeper.keptRows`). */
  keptRows?: (day: string) => KeptRows,
): PersonDetail {
  const p = first(
    db,
    db.kysely
      .selectFrom('people as p')
      .leftJoin('users as u', 'u.id', 'p.owner_id')
      .selectAll('p')
      .select(['u.name as owner_name', 'u.shift_id as owner_shift_id'])
      .where('p.id', '=', id),
  );
  if (!p) throw new NotFoundError(personNotHereMessage(id));
  const zone = personZone(p.time_zone, orgTz, p.country, p.phone);
  // Visits the CRM linked to nobody are theirs by the e-mail the visitor gave, as on the Visits
  // page and in the alerts (one of which may have opened this page).
  const emailKey = ownEmailKey(db, p, repId);
  const account = p.account_id
    ? first(
        db,
        db.kysely
          .selectFrom('accounts')
          .select(['id', 'name', 'industry', 'website'])
          .where('id', '=', p.account_id),
      )
    : undefined;
  const deals = all(
    db,
    db.kysely
      .selectFrom('deals')
      .select(['id', 'name', 'stage', 'status', 'amount', 'currency'])
      .where('person_id', '=', id)
      .orderBy('modified_at', 'desc'),
  );
  const timeline = all(
    db,
    db.kysely
      .selectFrom('activities')
      .select([
        'id',
        'kind',
        'signal',
        'channel',
        'direction',
        'started_at',
        'duration_s',
        'subject',
        'status',
        'outcome',
        'due_date',
      ])
      .where('person_id', '=', id)
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .limit(1000),
  );
  const refused = refusedBookings(db);
  // A task's due date is over on the clock of whoever reads the page (the page's times are theirs).
  const readerZone = (repId !== null ? userById(db, repId)?.time_zone : undefined) ?? orgTz;
  const windows = all(
    db,
    db.kysely
      .selectFrom('best_time_windows')
      .selectAll()
      .where('person_id', '=', id)
      .orderBy('channel'),
  );
  const shown = (channel: string): boolean =>
    channel === 'call' ? settings.callSuggestions : settings.emailSuggestions;
  const shownWindows = windows
    .filter((row) => shown(row.channel))
    .flatMap((row) =>
      decodeWindows(row.channel, row.windows).map((w): ShownWindow => ({
        channel: w.channel,
        weekday: w.weekday,
        rank: w.rank,
        startMin: w.startMin,
        endMin: w.endMin,
        // The person's zone as the planner places their windows (personZone), not the one
        // stored with the windows: after a sync changed the person, until the relearn, the
        // two would disagree.
        timeZone: zone,
        stars: w.stars,
        reason: reasonOf(w, asOf, zone),
      })),
    );
  // The rep's own person: the planner lists them today, and a call logged here lands on that row.
  const rep = repId !== null && p.owner_id === repId ? userById(db, repId) : undefined;
  const today = rep ? DateTime.fromMillis(asOf, { zone: rep.time_zone }).toISODate() : null;
  // Their call row is on today's plan when the plan has call rows and they have call windows
  // (planDay's rule): only then is there a row for Done to mark.
  // Not if a call that day while they had none (logged here or from the CRM) put them off it
  // (planner/offPlanCalls.ts).
  const onPlan =
    planChannels(settings).includes('call') &&
    windows.some((w) => w.channel === 'call') &&
    !(rep && today && calledOffPlan(db, rep.id, today, p.id, asOf, keptRows?.(today)));
  const callToday =
    rep && today
      ? { date: today, mark: onPlan ? callRowMark(db, rep.id, p.id, today) : null, onPlan }
      : null;
  return {
    callToday,
    person: {
      id: p.id,
      module: p.module,
      name: shownName(p.first_name, p.last_name),
      firstName: p.first_name,
      lastName: p.last_name,
      email: p.email,
      phone: p.phone,
      title: p.title,
      company: p.company,
      country: p.country,
      timeZone: zone,
      leadStatus: p.lead_status,
      leadSource: p.lead_source,
      ownerId: p.owner_id,
      ownerName: p.owner_name,
      visitSummary: personVisitSummary(
        db,
        p.id,
        emailKey,
        {
          daysVisited: p.days_visited,
          chats: p.chats_count,
          avgTimeSpentMin: p.avg_time_spent_min,
          firstVisitAt: p.first_visit_at,
          lastVisitAt: p.last_visit_at,
          firstVisitedUrl: p.first_visited_url,
          referrer: p.visit_referrer,
          score: p.visitor_score,
        },
        orgTz,
      ),
    },
    account: account ?? null,
    visits: personVisits(db, id, emailKey),
    chats: personChats(db, id, emailKey),
    deals,
    timeline: timeline.map((a) => ({
      ...(refused.has(a.id) ? { refused: true as const } : {}),
      id: a.id,
      kind: a.kind,
      signal: a.signal,
      channel: a.channel,
      direction: a.direction,
      startAt: a.started_at,
      durationS: a.duration_s,
      subject: a.subject,
      ...(a.kind === 'task' && a.due_date ? { dueDate: a.due_date } : {}),
      status: statusAt(
        {
          kind: a.kind,
          status: a.status,
          startAt: a.started_at,
          durationS: a.duration_s,
          dueDate: a.due_date,
        },
        asOf,
        readerZone,
      ),
      outcome: a.outcome,
    })),
    windows: shownWindows,
    // BT-2's reaction times belong to the e-mail suggestions, and go with their switch (BT-8).
    emailResponse: settings.emailSuggestions
      ? emailResponsiveness(emailExchangesOf(db, p.id, asOf - RESPONSE_LOOKBACK_MS, asOf), asOf)
      : null,
    // Held to the hours their owner works, as the windows were learned and are planned.
    nextWindows: nextDayWindows(
      shownWindows,
      zone,
      asOf,
      openingFor(db, { shift_id: p.owner_shift_id }),
    ),
  };
}

/** A person's call row mark on a rep's plan of a day, as the planner reads it (rowActions). */
function callRowMark(
  db: Db,
  repId: string,
  personId: string,
  day: string,
): 'done' | 'snoozed' | 'skipped' | null {
  let mark: 'done' | 'snoozed' | 'skipped' | null = null;
  for (const r of rowMarks(db, repId, day))
    if (r.person_id === personId && r.channel === 'call') mark = r.action;
  return mark;
}
