import { teamWeek } from '../team/teamWeek';
import { KeptDayWork } from '../team/keptDayWork';
import { tasksCarried } from '../team/tasksCarried';
import { shownName } from '../../shared/personName';
import { EventEmitter } from 'node:events';
import { requireKnownZone } from '../planner/userZone';
import {
  validateInput,
  type DataSet,
  type EventName,
  type CoreMethod,
  WORKSPACE_METHODS,
  type MethodOutputs,
  type ParsedInput,
  type Planner,
  type PushedEvents,
  type Result,
} from '../../shared/contract';
import { sortWorkedDown } from '../../shared/slotStates';
import { emptyWeekCell } from '../../shared/teamContract';
import { WINDOWS_LEARNED_AT } from '../db/clearOrganisationData';
import type { Db } from '../db/openDatabase';
import type { UserRow } from '../db/schema';
import { callEmailSpan } from '../db/repos/activities';
import { recentOutbox } from '../db/repos/outbox';
import { getPerson, listPeople } from '../people/peopleQueries';
import { personOnSiteUntil } from '../people/personOnSite';
import { DateTime } from 'luxon';
import { reminderSchedule } from '../planner/reminders';
import { planHours } from '../planner/planHours';
import { DayPlanKeeper, planKeptDay } from '../planner/dayPlanSnapshots';
import { logCall, markPlanRow } from '../planner/planActions';
import { createLeadFromVisit } from '../people/leadFromVisit';
import { changeTask } from '../tasks/taskChanges';
import { taskMoveDays } from '../tasks/taskMoveDays';
import { bookCall, bookingWindows } from '../planner/bookCall';
import { calledOffPlan } from '../planner/offPlanCalls';
import { hasWindows } from '../db/repos/windows';
import { ownersWithPeople } from '../db/repos/people';
import { allUsers } from '../db/repos/users';
import { contactTimes, repsCalledToday, withReached } from '../planner/reachedRows';
import { RepPlanCache } from '../planner/repPlanInputs';
import { ShownPlanCache } from '../planner/shownPlanCache';
import { asOfThatDay } from '../planner/pastDayReads';
import { repDayCoverage } from '../team/repDayCoverage';
import { tasksWithoutRow } from '../planner/tasksWithoutRow';
import { readSetting, readSettings, writeSettings } from '../settings/settingsStore';
import { chooseUser, currentUser, planOwner, readOrg, readSession } from './session';
import { AlertsService } from '../alerts/alertsService';
import { teamDayView } from '../team/teamDayView';
import { visitsUnavailable } from '../sync/visitsUnavailable';
import { planMarksUnshared } from '../sync/planMarksUnshared';
import { TeamViews, type TeamContext } from '../team/teamViews';
import type { BesttimePriors } from '../besttime/model/priors';
import { readLearnedPriors } from '../besttime/store/learnedPriors';
import { Backtests } from '../besttime/evaluation/backtest';
import { isOpen } from '../db/sqlRun';
import { nextTurn, runInSlices } from './runInSlices';
import { errorAnswer } from './errorAnswer';
import { DataSetGoneError } from '../../shared/dataSetGone';
import { dataVersion } from '../db/repos/dataVersion';
import {
  readOrgHours,
  recomputeAll,
  recomputePeople,
  type RecomputeContext,
  type RecomputeResult,
} from '../besttime/store/recomputeWindows';
import { ownerShifts } from '../besttime/store/ownerShifts';

export type Clock = () => number;

/** A plan as made, and the planner's answer of it once one was asked for. */
interface ShownPlan {
  plan: Planner;
  refreshAt: number | null;
  answer: Planner | null;
}

export interface CoreOptions {
  /** Where the core notes what the user need not see (damaged stored priors); console.warn by default. */
  log?: (message: string) => void;
  /**
   * Which of the app's data sets this core is (the workspace's, not a command's): alert ids are
   * per file, so a read or a dismissal a page sent for the other set marks nothing here.
   */
  dataSet?: DataSet;
}

const DATA_SET_NAMES: Record<DataSet, string> = { demo: "demo's", crm: "CRM's" };

const STALE_AFTER_MS = 12 * 3_600_000;

type Handlers = { [M in CoreMethod]: (input: ParsedInput<M>) => Promise<MethodOutputs[M]> };

export interface Core {
  /** Validates the input and runs the method; never throws, so transports can pass the result on. */
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
  handlers: Handlers;
  on<E extends EventName>(event: E, listener: (payload: PushedEvents[E]) => void): () => void;
  emit<E extends EventName>(event: E, payload: PushedEvents[E]): void;
  db: Db;
  clock: Clock;
  /**
   * Relearns every person's best times (on first start, a new slot length, a new day). The new
   * windows are announced in one `data-changed` event, with `alsoChanged` (what a sync stored
   * before it: one reload of an open page shows both).
   */
  recomputeSuggestions(alsoChanged?: readonly string[]): Promise<RecomputeResult>;
  /**
   * Relearns everyone unless the last full relearn (the `windows_learned_at` setting, not the
   * windows, which syncs relearn a few at a time) was within the last 12 hours and left priors
   * this core can use (in memory, or stored by it). True when it relearned everyone.
   */
  refreshStaleSuggestions(): Promise<boolean>;
  /**
   * Relearns only these people against the organisation's pattern from the last full relearn
   * (after a sync touched them); everyone when there is no usable one.
   */
  recomputeSuggestionsFor(
    personIds: readonly string[],
    alsoChanged?: readonly string[],
  ): Promise<RecomputeResult>;
  /**
   * Hot-visitor alerts: raised when a sync says visits were stored (`data-changed` visits).
   * Nothing due at start is delivered until `alerts.start()`, called once `on('alerts')` listens.
   */
  alerts: AlertsService;
}

/** What a transport (IPC, the web host) needs of a core, or of a workspace of cores. */
export type CoreEndpoint = Pick<Core, 'dispatch' | 'on'>;

export function createCore(db: Db, clock: Clock = Date.now, options: CoreOptions = {}): Core {
  const log = options.log ?? ((message: string) => console.warn(message));
  const events = new EventEmitter();
  events.setMaxListeners(100);

  /**
   * A page's alert ids are of the set it showed: after a switch it has not heard of yet (the
   * workspace sends its calls to the set shown now), the same id here is another visitor.
   */
  const sameDataSet = (named: DataSet | undefined): void => {
    const mine = options.dataSet;
    if (named === undefined || mine === undefined || named === mine) return;
    throw new DataSetGoneError(
      `The ${DATA_SET_NAMES[named]} data is no longer on screen (the ${DATA_SET_NAMES[mine]} is now), so none of its alerts was marked.`,
    );
  };

  const requireUser = async () => {
    const user = currentUser(db);
    if (!user)
      throw new Error('This database has no users yet: run a sync or load the demo organisation.');
    return user;
  };

  // The last full relearn's priors, learned here or read back from the database.
  let priors: BesttimePriors | null = null;
  const planCache = new RepPlanCache();
  const backtests = new Backtests(db);
  const keeper = new DayPlanKeeper(db);
  // The Team page judges off-plan calls by the same kept days as the planner (the keeper's).
  const team = new TeamViews(
    db,
    (repId, orgTz, now) => planCache.get(db, repId, orgTz, now),
    (repId, day) => keeper.keptRows(repId, day),
    shownName,
  );
  // The Team day's week figures: counted again after any change, whatever it names (settings
  // hold the hours that make a day worked, a mark may log a call), and after any alert.
  const dayWork = new KeptDayWork();
  // The plan answered last, given again to the read right after it while nothing changed.
  const shownPlans = new ShownPlanCache<ShownPlan>();
  const forgetKept = (records: boolean): void => {
    shownPlans.forget();
    if (records) planCache.invalidate();
    team.invalidate({ records });
    dayWork.forget();
  };
  // Anything that changes people, activities or windows makes the cached plan inputs stale.
  events.on('data-changed', (e: { entities: string[] }) => {
    forgetKept(e.entities.some((x) => x !== 'settings' && x !== 'plan'));
  });
  // Another process (a `sync` from the command line) commits without a `data-changed` here: the
  // connection's data_version says so. Checked before every read that answers from kept plans or
  // counts, so no view mixes fresh rows with kept ones (calls made, yet the windows not worked).
  let version = dataVersion(db);
  const followOtherWriters = (): void => {
    const now = dataVersion(db);
    if (now === version) return;
    version = now;
    forgetKept(true);
  };
  const alerts = new AlertsService({
    db,
    clock,
    currentRep: () => currentUser(db),
    emit: (event) => {
      dayWork.forget();
      events.emit('alerts', event);
    },
  });
  // Newly stored visits go through the signed-in rep's rules. A sync announces them once it has
  // relearned the people it touched (syncRunner.ts), so an alert names the window the Visits
  // card, the planner and the person page name.
  events.on('data-changed', (e: { entities: string[] }) => {
    if (e.entities.includes('visits')) alerts.visitsStored();
  });
  const context = async (): Promise<RecomputeContext> => ({
    asOf: clock(),
    ...readOrgHours(db),
    hoursOf: ownerShifts(db),
    slotMinutes: readSettings(db).slotMinutes,
    repId: currentUser(db)?.id ?? null,
  });
  const recomputeSuggestions = async (
    alsoChanged: readonly string[] = [],
  ): Promise<RecomputeResult> => {
    const ctx = await context();
    keepDaysBeforeRelearn();
    const result = recomputeAll(db, ctx);
    priors = result.priors;
    events.emit('data-changed', { entities: [...alsoChanged, 'windows'] });
    return result;
  };
  /** When everyone was last relearned, or NaN when that is unknown or damaged. */
  const learnedAt = (): number => {
    try {
      const learned = readSetting<unknown>(db, WINDOWS_LEARNED_AT);
      return typeof learned === 'number' ? learned : NaN;
    } catch {
      return NaN; // Not JSON: treated as never learned.
    }
  };
  /**
   * The priors people are relearned against: this core's, else the ones the last full relearn
   * stored (a start after another run). Null when there are none fit for use: then only a
   * full relearn will do.
   */
  const knownPriors = (ctx: RecomputeContext): BesttimePriors | null => {
    // Priors of another slot length (a relearn after the setting changed that failed) do not fit.
    if (priors?.slotMinutes === ctx.slotMinutes) return priors;
    priors = null;
    const stored = readLearnedPriors(db, ctx, learnedAt());
    if ('priors' in stored) return (priors = stored.priors);
    if (stored.damaged)
      log(`Best times: relearning everyone, the stored priors ${stored.missing}.`);
    return null;
  };

  /**
   * A rep's plan of a day as of now, the one made last while nothing it came from moved: the
   * planner's first rows, its whole plan and the reminders, asked for together as a page opens,
   * are one plan made once.
   */
  const shownPlanOf = (rep: UserRow, date: string | undefined): ShownPlan =>
    shownPlans.plan(rep.id, date, clock(), () => {
      const plan = planOfRep(rep, date);
      return { plan, refreshAt: plan.refreshAt, answer: null };
    });

  /** A rep's plan of a day (today by default) as of now; the signed-in user's own by default. */
  const planOf = async (repId: string | undefined, date: string | undefined) => {
    const user = await requireUser();
    return planOfRep(planOwner(db, user, repId), date);
  };
  const planOfRep = (rep: UserRow, date: string | undefined) => {
    // Said as what it is, where the plan that could not be loaded says why.
    requireKnownZone(rep);
    const org = readOrg(db);
    const settings = readSettings(db);
    const now = clock();
    const people = planCache.get(db, rep.id, org.timeZone, now);
    const today = DateTime.fromMillis(now, { zone: rep.time_zone }).toISODate();
    // Read as asked: a call synced a minute ago is in the next answer, not in a cached plan. Read
    // once, for the windows reached rows keep and for the rows' contacts.
    const contacts = contactTimes(db, rep.id, rep.time_zone, date ?? today ?? '', now);
    const plan = planKeptDay(
      db,
      rep,
      org.timeZone,
      now,
      settings,
      date,
      people,
      (day) => keeper.firstSeen(rep.id, day),
      (day) => keeper.firstPlanned(rep.id, day),
      contacts,
      (day) => keeper.keptRows(rep.id, day),
    );
    // Today's plan as shown is what the day will be remembered by.
    if (plan.date === today) keeper.keep(rep.id, rep.time_zone, plan.date, people, now);
    const rows = withReached(plan.rows, contacts);
    if (today === null || plan.date >= today) return { ...plan, rows };
    // A past day reads as it stood that day, and counts its windows as the Team page does.
    const dayEnd = DateTime.fromISO(plan.date, { zone: rep.time_zone })
      .plus({ days: 1 })
      .toMillis();
    return {
      ...plan,
      rows: asOfThatDay(db, rows, dayEnd, now),
      dayCoverage: repDayCoverage(db, rep, plan, now),
    };
  };

  /**
   * Whether the rep's kept plan of the day already says whether the person has a call row there:
   * a plan of the day was kept, and it lists them, or they have no call windows to be listed by,
   * or a call earlier that day put them off it.
   */
  const keptKnows = (repId: string, day: string, personId: string, now: number): boolean =>
    keeper.hasKept(repId, day) &&
    (keeper.keptRows(repId, day)()?.has(`${personId}|call`) === true ||
      !hasWindows(db, personId, 'call') ||
      calledOffPlan(db, repId, day, personId, now, keeper.keptRows(repId, day)));

  /**
   * Before a relearn: today's plan of each rep called today on a day no plan of theirs was kept
   * yet (the app not running when the calls were made), kept from the windows learned before the
   * sync brought the calls, as the planner would have shown it (planner/offPlanCalls.ts). Else
   * the relearn teaches a person called off the plan windows around the call, and the day's
   * first plan, kept after it, would list them as on it. A rep with no call windows learned at
   * all (the first sync) had no plan to be off: nothing is kept for them.
   */
  const keepDaysBeforeRelearn = (): void => {
    const now = clock();
    const users = new Map(allUsers(db).map((u) => [u.id, u]));
    const reps = ownersWithPeople(db).flatMap((id) => users.get(id) ?? []);
    // One query for every rep's calls of their today, not one per rep.
    const called = repsCalledToday(db, reps, now);
    if (called.size === 0) return;
    const orgTz = readOrg(db).timeZone;
    for (const rep of reps) {
      if (!called.has(rep.id)) continue;
      const today = DateTime.fromMillis(now, { zone: rep.time_zone }).toISODate();
      if (!today || keeper.hasKept(rep.id, today)) continue;
      const people = planCache.get(db, rep.id, orgTz, now);
      if (!people.some((p) => p.windows.call)) continue;
      try {
        planOfRep(rep, undefined);
      } catch (e) {
        log(`Today's plan of ${rep.name} could not be kept before the relearn: ${String(e)}`);
      }
    }
  };

  /** The user's lanes, with room kept in the plan cache for every one of them. */
  const teamReps = (user: UserRow) => {
    const reps = team.team(user);
    planCache.reserve(reps.length + 2);
    return reps;
  };
  const teamContext = (): TeamContext => ({
    now: clock(),
    orgTz: readOrg(db).timeZone,
    settings: readSettings(db),
  });

  // Any clock but the computer's own (serve --now, a test's) is one the pages must follow.
  const clockSet = clock !== Date.now;
  const handlers: Handlers = {
    getSession: async () => readSession(db, clock(), clockSet),
    setCurrentUser: async ({ userId }) => {
      chooseUser(db, userId);
      return readSession(db, clock(), clockSet);
    },
    getPlanner: async ({ date, repId, first }) => {
      followOtherWriters();
      const shown = shownPlanOf(planOwner(db, await requireUser(), repId), date);
      // A row worked in its window by a call synced from the CRM goes below the rows still to do
      // (PL-1 order). Tasks are judged against every row, not the first ones: a person further
      // down has a row.
      const plan = (shown.answer ??= {
        ...shown.plan,
        rows: sortWorkedDown(shown.plan.rows),
        tasksWithoutRow: tasksWithoutRow(db, shown.plan),
      });
      // A screen of rows crosses the process boundary in a millisecond; 9,000 rows take a few
      // hundred, so a view asks for the first rows, paints them, then asks for the rest.
      return first !== undefined && first < plan.rows.length
        ? { ...plan, rows: plan.rows.slice(0, first) }
        : plan;
    },
    listPeople: async (q) =>
      listPeople(db, readOrg(db).timeZone, q, clock(), currentUser(db)?.id ?? null),
    getPerson: async ({ id }) => {
      const org = readOrg(db);
      const settings = readSettings(db);
      const repId = currentUser(db)?.id ?? null;
      const now = clock();
      const detail = getPerson(db, org.timeZone, id, settings, now, repId, (day) =>
        repId ? keeper.keptRows(repId, day) : () => null,
      );
      return { ...detail, onSiteUntil: personOnSiteUntil(db, detail.person, repId, now) };
    },
    getSettings: async () => readSettings(db),
    // A rep's hours are shown to whoever may see their plan (their manager), as the plan is.
    getPlanHours: async ({ day, repId }) =>
      planHours(db, planOwner(db, await requireUser(), repId), clock(), day),
    getReminders: async () => {
      followOtherWriters();
      if (!readSettings(db).reminders) return [];
      const { plan } = shownPlanOf(planOwner(db, await requireUser(), undefined), undefined);
      // A row worked in its window by a call synced from the CRM is not reminded of.
      return reminderSchedule(plan.rows, plan.now);
    },
    markPlanRow: async (row) => {
      const user = await requireUser();
      markPlanRow(db, user.id, row, clock());
      events.emit('data-changed', { entities: ['plan'] });
      return { ok: true };
    },
    getOutbox: async () =>
      recentOutbox(db, 500).map((o) => ({
        id: o.id,
        kind: o.kind,
        payload: outboxPayload(o.payload),
        createdAt: o.created_at,
        attempts: o.attempts,
        lastError: o.last_error,
        pushedAt: o.pushed_at,
        refusedAt: o.refused_at,
        discardedAt: o.discarded_at,
      })),
    logCall: async (input) => {
      const user = await requireUser();
      const today = DateTime.fromMillis(clock(), { zone: user.time_zone }).toISODate() ?? '';
      const date = input.date ?? today;
      // The call is judged by today's plan as the planner shows it now, before the call teaches
      // the model anything (planner/offPlanCalls.ts): by the person's calls today and whether the
      // day's rows as kept in memory list them, not by making the whole plan again. Only when the
      // kept day does not know them yet (no plan of today kept, or call windows learned since it
      // was shown) is today planned first: their windows as they stand before the call are kept,
      // so the relearn after it cannot give them a row around the call itself.
      if (date === today && !keptKnows(user.id, today, input.personId, clock()))
        await planOf(undefined, undefined).catch(() => {
          // A plan that cannot be made (nothing to plan with) keeps no day: the call is logged.
        });
      const result = logCall(
        db,
        user.id,
        { ...input, date },
        clock(),
        keeper.keptRows(user.id, date),
      );
      try {
        const ctx = await context();
        const known = knownPriors(ctx);
        if (known) recomputePeople(db, ctx, known, [input.personId]);
      } catch (error) {
        // The call is stored: whatever stops the relearn after it (a disk that filled up since,
        // a damaged page of someone else's) must not answer the save as failed, or the rep logs
        // the same call twice. The person's windows catch up at the next relearn (a sync, or the
        // app's twelve-hourly one).
        console.warn(
          `The call is logged; relearning its person waits: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      events.emit('data-changed', { entities: ['plan', 'activities', 'outbox'] });
      return result;
    },
    createLead: async (input) => {
      const user = await requireUser();
      const result = createLeadFromVisit(db, user.id, input, clock());
      events.emit('data-changed', { entities: ['visits', 'people', 'outbox'] });
      return result;
    },
    getBookingWindows: async ({ personId }) => {
      await requireUser();
      return bookingWindows(db, personId, clock());
    },
    bookCall: async (input) => {
      const user = await requireUser();
      const result = bookCall(db, user.id, input, clock());
      events.emit('data-changed', { entities: ['plan', 'activities', 'outbox'] });
      return result;
    },
    changeTask: async (input) => {
      const user = await requireUser();
      const result = changeTask(db, user.id, input, clock());
      events.emit('data-changed', { entities: ['plan', 'activities', 'outbox'] });
      return result;
    },
    getTaskMoveDays: async () => taskMoveDays(db, await requireUser(), clock()),
    // In slices, so the core answers other requests meanwhile; kept until the data changes.
    getBesttimeBacktest: async ({ asOf, days }) => ({
      ...(await backtests.report(currentUser(db)?.id ?? null, asOf ?? null, days, clock())),
      // Calls planned to come are no period to pick: the span ends at the last one made.
      callsAndEmails: callEmailSpan(db, clock()),
    }),
    cancelBesttimeBacktest: async ({ asOf, days }) => ({
      stopped: backtests.stop(currentUser(db)?.id ?? null, asOf ?? null, days),
    }),
    // Team schedules (TM-1 to TM-3): the signed-in user's reps, read-only.
    getTeamDay: async ({ date, channel, request, minStars, hidePassed }) => {
      followOtherWriters();
      const user = await requireUser();
      const reps = teamReps(user);
      // Made cold, the reps' plans take seconds on a large organisation (12 s of CPU for 30,000
      // people): one rep at a time, with a turn between for the core's other requests and the
      // progress pushed, so the page can say how far it is instead of a bare "Loading".
      for (const done of team.prepare(user, teamContext(), { date, reps })) {
        events.emit('team-day-progress', {
          ...(request === undefined ? {} : { request }),
          done,
          total: reps.length,
        });
        await nextTurn();
        // Signing out or switching the data set in that turn closed this copy: the page that asked
        // is being left, and SQLite's "connection is not open" would say nothing to anyone.
        if (!isOpen(db))
          throw new Error(
            "This organisation's copy was closed (signed out, or another data set opened) while the team's day was being made: open Team again.",
          );
      }
      const context = teamContext();
      const schedule = team.schedule(user, context, { date, channel, reps });
      // Each rep's plan of today, as the manager saw it, is what the day will be remembered by.
      for (const { rep, plan } of schedule.reps)
        if (plan.date === DateTime.fromMillis(context.now, { zone: rep.time_zone }).toISODate())
          keeper.keep(
            rep.id,
            rep.time_zone,
            plan.date,
            planCache.get(db, rep.id, context.orgTz, context.now),
            context.now,
          );
      const view = teamDayView(schedule, {
        minStars: minStars ?? 0,
        hidePassed: hidePassed ?? false,
      });
      // The week's cells of the day: what a manager opening a week cell drilled down to check.
      const cells = dayWork.cells(
        db,
        schedule.reps.map((r) => r.rep),
        context.now,
        schedule.date,
      );
      const repOf = new Map(schedule.reps.map(({ rep }) => [rep.id, rep]));
      const carried = (repId: string, date: string, from: number) =>
        dayWork.tasksBefore(db, repId, date, from);
      return {
        ...view,
        reps: view.reps.map((lane) => {
          const rep = repOf.get(lane.repId);
          return {
            ...lane,
            work:
              cells.get(lane.repId) ?? emptyWeekCell(lane.date, false, lane.dayOff?.name ?? null),
            tasksCarried: rep ? tasksCarried(rep, view.date, context.now, carried) : 0,
          };
        }),
        marksUnshared: planMarksUnshared(db),
      };
    },
    // Counted from stored activities and alerts, with no plan made: fast on any organisation.
    getTeamWeek: async ({ week }) => {
      followOtherWriters();
      const user = await requireUser();
      return teamWeek(db, user, team.team(user), clock(), week, (repId, date, from) =>
        dayWork.tasksBefore(db, repId, date, from),
      );
    },
    getTeamTrend: async (input) => {
      followOtherWriters();
      const user = await requireUser();
      teamReps(user);
      return team.trend(user, teamContext(), input);
    },
    exportTeamDay: async (input) => {
      followOtherWriters();
      return team.export(await requireUser(), teamContext(), input);
    },
    updateSettings: async (patch) => {
      const before = readSettings(db);
      const settings = writeSettings(db, patch);
      events.emit('data-changed', { entities: ['settings'] });
      if (settings.slotMinutes !== before.slotMinutes) await recomputeSuggestions();
      return settings;
    },
    listVisits: async (filter) => ({
      ...alerts.listVisits(filter),
      visitsUnavailable: visitsUnavailable(db),
    }),
    getAlertSettings: async () => alerts.settings(),
    updateAlertSettings: async (patch) => {
      const settings = alerts.updateSettings(patch);
      events.emit('data-changed', { entities: ['settings'] });
      return settings;
    },
    setVisitAlertsEnabled: async ({ enabled }) => {
      const settings = alerts.setEnabled(enabled);
      events.emit('data-changed', { entities: ['settings'] });
      return settings;
    },
    // A week of visits replayed: in slices, so the core answers other requests meanwhile.
    previewAlertRules: async (input) => runInSlices(alerts.preview(input)),
    listAlerts: async ({ limit, toastIds }) => ({
      ...alerts.feed(limit, toastIds),
      ...(options.dataSet ? { dataSet: options.dataSet } : {}),
    }),
    markAlertsRead: async (which) => {
      sameDataSet(which.dataSet);
      return alerts.markRead(which);
    },
    dismissAlertToasts: async ({ ids, dataSet }) => {
      sameDataSet(dataSet);
      return alerts.dismissToasts(ids);
    },
    pauseAlerts: async ({ minutes }) => alerts.pause(minutes),
    resumeAlerts: async () => alerts.resume(),
    setCallInProgress: async ({ active }) => alerts.setCallInProgress(active),
  };

  return {
    db,
    clock,
    handlers,
    alerts,
    recomputeSuggestions,
    async refreshStaleSuggestions() {
      // A damaged date, or one from a clock that was wrong, only means: relearn now.
      const age = clock() - learnedAt();
      // What the organisation does as a whole (priors, star calibration) moves with every day of
      // signals; the people a sync touches are relearned at once, everyone every 12 hours. A
      // start within those 12 hours reads the priors back instead of relearning everyone.
      if (age >= 0 && age <= STALE_AFTER_MS && knownPriors(await context())) return false;
      await recomputeSuggestions();
      return true;
    },
    async recomputeSuggestionsFor(personIds, alsoChanged = []) {
      const ctx = await context();
      const known = knownPriors(ctx);
      if (!known) return await recomputeSuggestions(alsoChanged);
      keepDaysBeforeRelearn();
      const result = recomputePeople(db, ctx, known, personIds);
      events.emit('data-changed', { entities: [...alsoChanged, 'windows'] });
      return result;
    },
    async dispatch(method, input) {
      try {
        if ((WORKSPACE_METHODS as readonly string[]).includes(method))
          throw new Error(`${method} is answered by the workspace, not by one data set`);
        const parsed = validateInput(method, input);
        const handler = handlers[method as CoreMethod] as (i: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(parsed) };
      } catch (error) {
        const code = error instanceof DataSetGoneError ? { code: error.code } : {};
        return { ok: false, error: errorAnswer(method, db.path, error), ...code };
      }
    },
    on(event, listener) {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
    emit(event, payload) {
      events.emit(event, payload);
    },
  };
}

/** An outbox entry's payload as stored, or nothing for one damaged in the file (the push says so). */
function outboxPayload(stored: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(stored);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
