import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DateTime } from 'luxon';
import type { TeamDay, TeamTrend } from '@shared/teamContract';
import { nextChange } from '@shared/slotStates';
import { call, callOpening } from '../api/client';
import { openingTeamDayRequest } from '../api/openingReads';
import { newTeamDayRequest } from '../api/teamDayRequests';
import { DayPicker } from '../components/DayPicker';
import { pickableDays } from '@shared/pickableDays';
import { TeamBoard } from '../components/team/TeamBoard';
import { TeamCoverageTable } from '../components/team/TeamCoverageTable';
import { TeamDayLoading } from '../components/team/TeamDayLoading';
import { TeamHourMap } from '../components/team/TeamHourMap';
import { NoSuchDateNote } from '../components/NoSuchDateNote';
import '../components/team/team.css';
import { dayZoneLabel, formatClock, formatDayInYear } from '../format/time';
import { useNow } from '../hooks/useNow';
import { useTodayIn } from '../hooks/useTodayIn';
import { useTeamReloads } from '../hooks/useTeamReloads';
import { hrefFor, useRoute } from '../stores/routeStore';
import { TEAM_VIEW_DEFAULT, teamViewWithin, type FarDate, type TeamView } from '../route/teamView';
import { TeamWeekView } from '../components/team/TeamWeek';
import { useSession } from '../stores/sessionStore';
import { clashChannelTimes } from '../team/clashChannelTimes';
import { clashCountText } from '../team/clashCountText';
import { closedDayText } from '../team/closedDayText';
import { spanOnDay } from '../team/spanOnDay';
import { type BehindTries, coreBehindRetry, countReloadFor } from '../team/teamReload';
import { noUnplannedHotText } from '../team/unplannedHotText';
import { filteredTeamDay } from '../team/filteredTeamDay';

type ChannelFilter = 'all' | 'call' | 'email';
type StarsFilter = 0 | 2 | 3;

/**
 * TM-1 to TM-3 for the signed-in manager: each rep's day side by side (read-only), coverage of
 * the planned windows with each rep's last ten working days, clashes, hot contacts not planned,
 * skipped or missed, the day by hour, and the day's schedule as CSV or iCalendar. A rep is told it
 * is for managers.
 */
export function TeamPage(): React.JSX.Element {
  const route = useRoute((s) => s.route);
  const replace = useRoute((s) => s.replace);
  const go = useRoute((s) => s.go);
  // The team's days are the manager's: the days the planner shows are counted on their clock.
  const zone = useSession((s) => s.session?.currentUser?.timeZone ?? s.session?.org.timeZone);
  const asked = route.page === 'team' ? (route.team ?? TEAM_VIEW_DEFAULT) : TEAM_VIEW_DEFAULT;
  // Drawn again at the manager's midnight: an address's day is then checked against the new
  // day's range, and today's day is read again.
  const today = useTodayIn(zone);
  const view = zone && today ? teamViewWithin(asked, today, zone) : asked;
  // Shared by both views, as the page's filters are: Week then Day keeps the channel picked.
  const [channel, setChannel] = useState<ChannelFilter>('all');
  const show = (next: TeamView): void => replace({ page: 'team', team: next });
  // The week a day was opened from stays in the day's address, so Week (and a reload, and a
  // shared link) comes back to it.
  const kept = view.week ? { week: view.week } : {};
  // Day from the switch is the manager's today, whichever cell was opened before; the week is
  // kept either way, so Week comes back to it.
  const switchTo = (next: TeamView['view']): void => show({ view: next, ...kept });
  const viewSwitch = (
    <span className="view-switch" role="group" aria-label="View">
      <button type="button" aria-pressed={view.view === 'day'} onClick={() => switchTo('day')}>
        Day
      </button>
      <button type="button" aria-pressed={view.view === 'week'} onClick={() => switchTo('week')}>
        Week
      </button>
    </span>
  );
  if (view.view === 'week')
    return (
      <TeamWeekView
        week={view.week}
        channel={channel}
        onWeek={(week) => show({ view: 'week', ...(week ? { week } : {}) })}
        onChannel={setChannel}
        badWeek={view.badWeek}
        farWeek={view.farWeek}
        onOpenDay={(date, week) => {
          // Pushed, not replaced: Back returns to the week the cell was opened from. This week's
          // is named too, as a past week's is, so the address of a day opened from a cell has
          // one shape whichever week it was.
          go({
            page: 'team',
            team: { view: 'day', ...(date ? { day: date } : {}), week: view.week ?? week },
          });
        }}
        viewSwitch={viewSwitch}
      />
    );
  return (
    <TeamDayPage
      date={view.day}
      badDay={view.badDay}
      farDay={view.farDay}
      onDate={(day) => show({ view: 'day', ...(day ? { day } : {}), ...kept })}
      today={today}
      channel={channel}
      setChannel={setChannel}
      viewSwitch={viewSwitch}
    />
  );
}

function TeamDayPage({
  date,
  badDay,
  farDay,
  onDate,
  today,
  channel,
  setChannel,
  viewSwitch,
}: {
  /** The day shown; undefined for the manager's today. */
  date: string | undefined;
  /** A `day=` in the address that is no date, shown as today. */
  badDay: string | undefined;
  /** A `day=` in the address beyond the days the planner shows, shown as today. */
  farDay: FarDate | undefined;
  onDate: (date: string | undefined) => void;
  /** The manager's today, which turns at their midnight. */
  today: string | null;
  channel: ChannelFilter;
  setChannel: (channel: ChannelFilter) => void;
  viewSwitch: React.JSX.Element;
}): React.JSX.Element {
  // A read asked for before a switch of user ended is dropped and asked again.
  const { reloads, reload, userId, switched } = useTeamReloads();
  const role = useSession((s) => s.session?.currentUser?.role);
  const userZone = useSession((s) => s.session?.currentUser?.timeZone);
  // The only settings the team's plans are made with (which channels get rows): a new settings
  // object (every session reload) is no reason to ask again.
  const callSuggestions = useSession((s) => s.settings?.callSuggestions);
  const emailSuggestions = useSession((s) => s.settings?.emailSuggestions);
  const [day, setDay] = useState<TeamDay | null>(null);
  // The newest request of the day while it is unanswered: the progress shown is its own.
  const [waiting, setWaiting] = useState<number | null>(null);
  // The sparklines of the view they were asked for: another day or channel shows none of them.
  const [trend, setTrend] = useState<{ view: string; trend: TeamTrend | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [minStars, setMinStars] = useState<StarsFilter>(0);
  const [hidePassed, setHidePassed] = useState(false);
  const [exportFor, setExportFor] = useState('');
  const [exportError, setExportError] = useState<string | null>(null);

  const view = `${userId ?? ''}|${date ?? ''}|${channel}`;
  // Today's day is another one past the manager's midnight: read then, not at the next reload.
  const todayShown = date === undefined ? today : null;
  // The sparklines do not depend on the board's filters: a filter changed reads the day alone.
  const trendRead = useRef<string | null>(null);
  useEffect(() => {
    let live = true;
    const params = { ...(date ? { date } : {}), ...(channel !== 'all' ? { channel } : {}) };
    // The filters choose the windows a full lane draws and counts per hour: the core picks them,
    // the page knowing the windows it does not draw only as counts.
    const filters = { ...(minStars ? { minStars } : {}), ...(hidePassed ? { hidePassed } : {}) };
    // Opening the app on the Team page asked for the day, with no filter as the page opens, as
    // the app's script started (`openingReads`): the first view takes that answer.
    const opening = reloads === 0 && !date && channel === 'all' && !minStars && !hidePassed;
    const request = (opening ? openingTeamDayRequest() : null) ?? newTeamDayRequest();
    setWaiting(request);
    const asked = opening
      ? callOpening('getTeamDay', { request })
      : call('getTeamDay', { ...params, ...filters, request });
    const trendFor = [view, reloads, switched, callSuggestions, emailSuggestions, todayShown].join(
      '|',
    );
    asked.then(
      (d) => {
        if (!live) return;
        setWaiting(null);
        setDay(d);
        setError(null);
        if (trendRead.current === trendFor) return;
        trendRead.current = trendFor;
        // The sparklines take a moment more: the lanes are painted first. Taken unless another
        // was asked for since, a filter changed meanwhile (the day asked again) or not.
        call('getTeamTrend', params).then(
          (t) => {
            if (trendRead.current === trendFor) setTrend({ view, trend: t });
          },
          () => {
            if (trendRead.current === trendFor) setTrend({ view, trend: null });
          },
        );
      },
      (e: Error) => {
        if (!live) return;
        setWaiting(null);
        setDay(null);
        setError(e.message);
      },
    );
    return () => {
      live = false;
    };
  }, [
    userId,
    switched,
    callSuggestions,
    emailSuggestions,
    date,
    channel,
    reloads,
    view,
    todayShown,
    minStars,
    hidePassed,
  ]);

  // A read of today the core answered with yesterday (its clock a moment behind) is asked again a
  // second on, not at the next reload; a few times at most (`coreBehindRetry`).
  const behindTries = useRef<BehindTries>({ today: null, tries: 0 });
  useEffect(() => {
    const next = coreBehindRetry(
      behindTries.current,
      todayShown,
      waiting === null ? (day?.date ?? null) : null,
    );
    if (next === null) return;
    const timer = setTimeout(() => {
      behindTries.current = next;
      reload();
    }, 1_000);
    return () => clearTimeout(timer);
  }, [todayShown, waiting, day, reload]);

  // Blocks change state with the page's clock, not with a reload.
  const soonest = useCallback(
    (at: number) => {
      let next: number | null = null;
      for (const lane of day?.reps ?? [])
        for (const b of lane.blocks) {
          const c = nextChange(b.start, b.end, at);
          if (c !== null && (next === null || c < next)) next = c;
        }
      return next;
    },
    [day],
  );
  const now = useNow(30_000, soonest);
  // The coverage and the lanes' counts are the core's, counted at its answer's instant: read again
  // when a window they count changes state by the page's clock (it was 5 minutes of a struck block
  // beside a count of "just ended"). Once per instant: a core a moment behind answers the same.
  const countsReadFor = useRef<number | null>(null);
  useEffect(() => {
    if (!day || waiting !== null) return;
    const due = countReloadFor(day, now, countsReadFor.current);
    if (due === null) return;
    countsReadFor.current = due;
    reload();
  }, [day, now, waiting, reload]);
  // Which windows passed moves with the clock; the stars alone do not.
  const filterNow = hidePassed ? now : 0;
  const shown = useMemo(
    () => (day ? filteredTeamDay(day, { minStars, hidePassed }, filterNow) : null),
    [day, minStars, hidePassed, filterNow],
  );
  // The lanes are what a manager looks at first: on opening, the tables and lists under them
  // (hundreds of clashes and hot contacts) are rendered once the lanes have been painted.
  const [below, setBelow] = useState(false);
  const hasDay = day !== null;
  useEffect(() => {
    if (!hasDay || below) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setBelow(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [hasDay, below]);

  // A rep chosen for the export who has since left the team (their lane gone on a reload) is no
  // choice any more: the whole team is, as the list then shows.
  const exportRep = day?.reps.some((r) => r.repId === exportFor) ? exportFor : '';
  // A lane's "all in a CSV" names its rep; Export, the one chosen beside it.
  const download = async (format: 'csv' | 'ics', repId = exportRep): Promise<void> => {
    try {
      // What the page shows: its day, channel, stars and passed windows, for the rep chosen.
      const file = await call('exportTeamDay', {
        format,
        ...(date ? { date } : {}),
        ...(repId ? { repId } : {}),
        ...(channel !== 'all' ? { channel } : {}),
        ...(minStars ? { minStars } : {}),
        ...(hidePassed ? { hidePassed } : {}),
      });
      // A byte-order mark before a CSV: Excel reads UTF-8 without one as the computer's legacy
      // code page ("MÃ¼ller" for Müller); the `team` command's CSV, for scripts, has none.
      const bom = file.mimeType === 'text/csv' ? '\uFEFF' : '';
      const url = URL.createObjectURL(new Blob([bom, file.content], { type: file.mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setExportError(null);
    } catch (e) {
      setExportError((e as Error).message);
    }
  };
  // The same function for every render: the board's lanes are drawn again only when they change.
  const downloadNow = useRef(download);
  downloadNow.current = download;
  const exportLane = useCallback((repId: string) => void downloadNow.current('csv', repId), []);

  /** The day picker of the planner, on the manager's day in the manager's zone. */
  const dayControls = (shown: string | undefined, zone: string): React.JSX.Element => {
    // The page's today, which turns at midnight; the half-minute tick may be 30 seconds late.
    const pickerToday = today ?? DateTime.fromMillis(now, { zone }).toISODate() ?? '';
    return (
      <>
        <DayPicker
          date={shown ?? pickerToday}
          zone={zone}
          isToday={date === undefined}
          onChange={(d) => onDate(d === pickerToday ? undefined : d)}
          {...pickableDays(pickerToday, zone)}
        />
        <select
          aria-label="Channel"
          value={channel}
          onChange={(e) => setChannel(e.target.value as ChannelFilter)}
        >
          <option value="all">Calls and emails</option>
          <option value="call">Calls</option>
          <option value="email">Emails</option>
        </select>
      </>
    );
  };

  if (error)
    return (
      <section className="page">
        <header className="page-head">
          <h1>Team</h1>
          {/* A manager moves away from a day that fails; a rep has no team on any day. */}
          {role !== 'rep' && (
            <div className="filters">
              {viewSwitch}
              {dayControls(date, userZone ?? 'UTC')}
            </div>
          )}
        </header>
        <div className="empty" role="note">
          <WithPlannerLink text={error} />
        </div>
      </section>
    );
  // A cold day takes seconds on a large organisation: the Week, counted with no plan, is one
  // click away meanwhile.
  if (!day || !shown)
    return (
      <section className="page">
        <header className="page-head">
          <h1>Team</h1>
          {role !== 'rep' && <div className="filters">{viewSwitch}</div>}
        </header>
        <TeamDayLoading key={waiting} request={waiting} />
      </section>
    );
  const zone = day.manager.timeZone;
  return (
    <section className="page team-page">
      <header className="page-head">
        <div className="head-line">
          <h1>Team</h1>
          <span className="now-marker" aria-label="Current time">
            now {formatClock(now, zone)}
          </span>
          {/* Beside the title, not among the day's filters: a long line of those wraps. */}
          {viewSwitch}
        </div>
        <p className="subtle">
          {/* An admin's team is everyone, not people who report to them. */}
          {role === 'admin' && day.manager.id === userId
            ? 'The whole organisation'
            : `${day.manager.name}'s team`}{' '}
          · {formatDayInYear(day.date, zone, now)} · times in {dayZoneLabel(day.date, zone)} ·{' '}
          {day.reps.length} reps
        </p>
        <div className="filters">
          {/* The day asked for, which may not be the one shown yet: a manager stepping on
              fast steps from the last day they asked for. */}
          {dayControls(date, zone)}
          <span className="export">
            <select
              aria-label="Export for"
              value={exportRep}
              title={day.reps.find((r) => r.repId === exportRep)?.name ?? 'The whole team'}
              onChange={(e) => setExportFor(e.target.value)}
            >
              <option value="">The whole team</option>
              {day.reps.map((r) => (
                <option key={r.repId} value={r.repId}>
                  {r.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => void download('csv')}
              title="The windows the board shows with these filters, each in its state"
            >
              Export CSV
            </button>
            <button
              type="button"
              onClick={() => void download('ics')}
              title="The windows the board shows with these filters that are still to work: in window now or to come"
            >
              Export calendar (.ics)
            </button>
          </span>
        </div>
        {badDay !== undefined && date === undefined && <NoSuchDateNote unit="day" text={badDay} />}
        {farDay !== undefined && date === undefined && (
          <NoSuchDateNote unit="day" text={farDay.date} far={farDay.side} />
        )}
        {exportError && (
          <p className="error" role="alert">
            {exportError}
          </p>
        )}
        {day.reps.length > 0 && day.reps.every((r) => r.empty === 'closed') && (
          <p className="notice" role="note">
            Nobody on the team works on {formatDayInYear(day.date, zone, now)}:{' '}
            {closedDayText(day.reps)}
          </p>
        )}
        {day.marksUnshared && (
          <p className="notice" role="note">
            {day.marksUnshared}
          </p>
        )}
        <div className="board-filters">
          {/* What the lanes draw, and what the export holds: beside the legend they filter. */}
          <select
            aria-label="Stars"
            value={minStars}
            onChange={(e) => setMinStars(Number(e.target.value) as StarsFilter)}
          >
            <option value={0}>Any stars</option>
            <option value={2}>2★ or more</option>
            <option value={3}>3★ or more</option>
          </select>
          <label
            className="hide-passed"
            title="Leave out the windows that passed, not counted (grey): under 2★, another window of the person's is the planned one, or a channel the rep does not work"
          >
            <input
              type="checkbox"
              checked={hidePassed}
              onChange={(e) => setHidePassed(e.target.checked)}
            />
            Hide passed
          </label>
          <ul className="team-legend" aria-label="Legend">
            {(Object.keys(LEGEND) as (keyof typeof LEGEND)[]).map((s) => (
              <li key={s}>
                <span className={`legend-swatch tb-${s}`} aria-hidden /> {LEGEND[s]}
              </li>
            ))}
          </ul>
        </div>
      </header>
      {waiting !== null && <TeamDayLoading key={waiting} request={waiting} overDay />}
      <TeamBoard
        day={shown.day}
        filteredOut={shown.filteredOut}
        now={now}
        channel={channel}
        onExport={exportLane}
      />
      {below && (
        <TeamBelowBoard
          day={day}
          trend={trend?.view === view ? trend.trend : undefined}
          zoneText={dayZoneLabel(day.date, zone)}
          channel={channel}
        />
      )}
    </section>
  );
}

/**
 * A note that sends the reader to the Planner, with the way there a click: a rep opening the Team
 * page is told their own day is in the Planner (`NoTeamError`), and read the word with no link.
 */
function WithPlannerLink({ text }: { text: string }): React.JSX.Element {
  const word = 'Planner';
  const at = text.lastIndexOf(word);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <a href={hrefFor({ page: 'planner' })}>{word}</a>
      {text.slice(at + word.length)}
    </>
  );
}

/** Under the lanes: coverage per rep, clashes, hot contacts left unworked, the day by hour. */
function TeamBelowBoard({
  day,
  trend,
  zoneText,
  channel,
}: {
  day: TeamDay;
  trend: TeamTrend | null | undefined;
  channel: ChannelFilter;
  /** The zone as the page's header names it: the hour map's heading names it alike. */
  zoneText: string;
}): React.JSX.Element {
  const zone = day.manager.timeZone;
  return (
    <>
      <article className="card" aria-label="Coverage">
        {/* One window per person and channel planned, the one the rep can be expected to work:
            every window of the day counted (½★ hours, e-mail windows of reps who never e-mail)
            read as an idle team whose every contact was called in their best window. */}
        <h2>Coverage of the planned windows</h2>
        <p className="subtle coverage-what">
          One window per person and channel on the plan: of 2★ or more, on a channel the rep works
          (calls or emails logged in the last four weeks), the one worked in, else the one the plan
          shows. The share is worked in window of those due so far: windows still to come, skipped
          or snoozed are left out. The last column is not windows: it is each rep&apos;s calls and
          tasks that day, as the Team week&apos;s cell counts them.
        </p>
        <TeamCoverageTable day={day} trend={trend} channel={channel} />
      </article>
      <div className="team-lists">
        <article className="card" aria-label="Clashes">
          <h2>Clashes ({day.clashTotal})</h2>
          {clashCountText(day) && <p className="subtle">{clashCountText(day)}</p>}
          {day.clashes.length === 0 ? (
            <p className="subtle">No two reps are planned at the same person or account at once.</p>
          ) : (
            <ul className="team-list">
              {day.clashes.map((c) => {
                // Calls and emails of the same people at overlapping times are one line.
                const channels = [...new Set(c.channels.map((s) => s.channel))];
                const times = clashChannelTimes(c, zone, day.date);
                return (
                  <li
                    key={`${channels.join('+')}|${c.start}|${c.account ?? ''}|${c.people[0]?.personId ?? ''}`}
                  >
                    <span className="clash-time">{spanOnDay(c.start, c.end, zone, day.date)}</span>{' '}
                    {channels.map((ch, i) => (
                      <span key={ch}>
                        {i === 0 ? '' : ' and '}
                        <span className={`chip chip-${ch}`}>{ch}</span>
                      </span>
                    ))}{' '}
                    {c.account ?? 'Same person'}:{' '}
                    {c.people.map((p, i) => (
                      <span key={`${p.personId}|${p.repId}`}>
                        {i === 0 ? '' : i === c.people.length - 1 && !c.more ? ' and ' : ', '}
                        <a href={hrefFor({ page: 'person', id: p.personId })}>{p.name}</a> (
                        {day.reps.find((r) => r.repId === p.repId)?.name ?? p.repId}
                        {p.only ? `, ${p.only === 'call' ? 'calls' : 'emails'} only` : ''})
                      </span>
                    ))}
                    {c.more ? ` and ${c.more} more` : ''}
                    {times !== null && <span className="subtle clash-channels"> ({times})</span>}
                  </li>
                );
              })}
              {day.clashTotal > day.clashes.length && (
                <li className="subtle">and {day.clashTotal - day.clashes.length} more</li>
              )}
            </ul>
          )}
        </article>
        {/* Not only contacts in no plan: a window that passed unworked leaves one as unreached. */}
        <article className="card" aria-label="Hot contacts not planned, skipped or missed">
          <h2>Hot contacts not planned, skipped or missed ({day.unplannedHotTotal})</h2>
          {day.unplannedHot.length === 0 ? (
            <p className="subtle">{noUnplannedHotText(day)}</p>
          ) : (
            <ul className="team-list">
              {day.unplannedHot.map((h) => (
                <li key={h.personId}>
                  <a href={hrefFor({ page: 'person', id: h.personId })}>{h.name}</a>
                  {h.company && <span className="subtle"> · {h.company}</span>}
                  <span className="subtle"> · {h.ownerName ?? 'no owner'}</span>
                  <div className="reason">{h.why}</div>
                </li>
              ))}
              {day.unplannedHotTotal > day.unplannedHot.length && (
                <li className="subtle">
                  and {day.unplannedHotTotal - day.unplannedHot.length} more
                </li>
              )}
            </ul>
          )}
        </article>
      </div>
      <article className="card team-hours-card" aria-label="The day by hour">
        <h2>The day by hour, {zoneText}</h2>
        <TeamHourMap day={day} />
      </article>
    </>
  );
}

const LEGEND = {
  now: 'in window now',
  upcoming: 'upcoming',
  worked: 'worked in its window',
  outside: 'reached outside its window',
  already: 'already worked that day',
  skipped: 'skipped',
  snoozed: 'snoozed past',
  'just-ended': 'just ended (missed once struck, 30 min after)',
  missed: 'missed (struck after 30 min)',
  passed: 'passed, not counted',
} as const;
