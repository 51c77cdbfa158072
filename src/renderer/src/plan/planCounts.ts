import { DateTime } from 'luxon';
import type { Planner, PlannerRow } from '@shared/contract';
import type { Channel } from '@shared/signals';
import type { TeamCoverage } from '@shared/teamContract';
import { laneCountParts } from '../team/laneCountText';
import {
  isLowConfidence,
  isSettled,
  isWorkedInWindow,
  isWorthNow,
  STRIKE_AFTER_MS,
} from '@shared/slotStates';

export interface PlanCount {
  key: string;
  text: string;
  /** What the number counts, for a tooltip. */
  title?: string;
  /**
   * Fewer words for a window about 1024 px wide, where the header keeps to one line ("5 reached
   * early"); the tooltip then starts with `text`, whole.
   */
  short?: string;
}

/**
 * The header's counts. Today: how many are worth a call now (call rows open, 2★ or more, the
 * person not reached today yet: no call in the window, nor before it or in another window that
 * day) first, and how many are worth an email now when any are, then the states. A
 * row worked in its window (a call from the phone system synced from the CRM) counts as worked
 * whether the window is open or over: it is not one to call, as a row done is not. Another day:
 * its windows and how many are sure, named by the day ("on Saturday"); a past day also how it
 * was worked, as the Team page says it of the rep's lane (`dayCoverage`, "16 of 62 due worked"),
 * or with a filter, its rows worked in their window as today's count them.
 * Finished rows count once: as done, or as skipped (skipped, or snoozed to another day), in one
 * count beside the others ("3 done · 1 skipped") so a skip never reads as work done. Beside done
 * too, "tried": rows whose window had a call that did not reach the person (no answer, busy,
 * voicemail) and nothing that did ("3 done · 2 tried"): the window worked, as the Team page counts
 * it, the row left on the plan to call again, and neither worth a call now nor missed.
 * A window that ended unworked is missed only as the Team page counts a person missed: when the
 * person's channel has no window of 2★ or more left today (`stillToCome`: a row whose person has
 * a later one counts as upcoming), and it is rated 2★ or more (one under 2★ counts as "under
 * 2★", as the list folds it under "Low confidence"); and only once struck through (BT-6):
 * before that it "just ended". Every row is in exactly one count; a count that is 0 and not one
 * of the day's headline counts is left out, so the header keeps to one line at 1024 px.
 * A channel switched off (BT-8) has no "worth … now" count: with calls off, the emails worth one
 * lead. What was finished on it before (calls logged, then Calls turned off) still counts as done
 * or skipped, unless a filter narrows the list to rows (the plan lists none on that channel).
 */
export function planCounts(
  rows: readonly PlannerRow[],
  date: string,
  today: string,
  zone: string,
  /** The live clock (UTC ms): whether a row's other windows today have all passed. */
  at: number,
  /**
   * The channels the plan lists, and what was finished on the others; a past day's windows as the
   * Team page counts them.
   */
  plan: Pick<Planner, 'channels' | 'finishedOff' | 'dayCoverage'> = ALL_CHANNELS,
  /** A filter narrows the rows: what was finished on a channel switched off is not among them. */
  filtered = false,
): PlanCount[] {
  let worth = 0;
  let worthEmail = 0;
  let now = 0;
  let upcoming = 0;
  let none = 0;
  let missed = 0;
  let justEnded = 0;
  let endedUnsure = 0;
  let worked = 0;
  let tried = 0;
  let reachedBefore = 0;
  const off = filtered ? NONE_OFF : plan.finishedOff;
  let done = off.done;
  let aside = off.skipped;
  let windows = 0;
  let sure = 0;
  for (const r of rows) {
    if (isSettled(r)) {
      if (r.action === 'done') done++;
      else aside++;
      continue;
    }
    if (r.state === 'none') none++;
    else {
      windows++;
      if (!isLowConfidence(r.stars)) sure++;
    }
    // As the Team page reads the same call (from the CRM or logged here): one in the window
    // worked it; one before it reached the person already, so the window was neither worked
    // nor missed; one after it ended came too late.
    if (isWorkedInWindow(r)) worked++;
    // A call in the window that did not reach them (no answer, busy, voicemail): the rep worked
    // the window, as the Team page counts it, though the row stays on the plan to try again. So
    // it is neither still to call in it ("worth a call now") nor missed when it ends.
    else if (r.tried?.inWindow) tried++;
    else if (r.state === 'now') {
      now++;
      // Not one reached earlier today (before this window, or in another one): the window needs
      // no call of its own, as the Team page reads it, though the row stays in window.
      if (isWorthNow(r)) {
        if (r.channel === 'call') worth++;
        else worthEmail++;
      }
    } else if (r.state === 'upcoming') upcoming++;
    else if (r.state === 'passed' || r.state === 'struck') {
      if (r.reached && r.end !== null && r.reached.at < r.end) reachedBefore++;
      else if (stillToCome(r, at)) upcoming++;
      else if (isLowConfidence(r.stars)) endedUnsure++;
      else if (r.state === 'passed') justEnded++;
      else missed++;
    }
  }
  const calls = plan.channels.includes('call');
  const emails = plan.channels.includes('email');
  if (date === today)
    return [
      ...(calls
        ? [
            {
              key: 'worth',
              text: `${worth} worth a call now`,
              short: `${worth} to call`,
              title:
                'Call windows open now, rated 2★ or more, whose person no call has reached today yet',
            },
          ]
        : []),
      ...(emails && (worthEmail > 0 || !calls)
        ? [
            {
              key: 'worth-email',
              text: `${worthEmail} worth an email now`,
              short: `${worthEmail} to email`,
              title:
                'Email windows open now, rated 2★ or more, whose person no email has reached today yet',
            },
          ]
        : []),
      { key: 'now', text: `${now} in window now`, short: `${now} in window` },
      {
        key: 'upcoming',
        text: `${upcoming} upcoming`,
        title:
          'Windows still to open today, and windows that ended whose person has one of 2★ or more later today',
      },
      ...(none > 0 ? [{ key: 'none', text: `${none} without a window today` }] : []),
      finished(done, aside, off, plan.channels, tried),
      ...(worked > 0 ? [workedRows(worked, 'Done today')] : []),
      ...(reachedBefore > 0
        ? [
            {
              key: 'reached',
              text: `${reachedBefore} reached before their window`,
              short: `${reachedBefore} reached early`,
              title:
                'Windows that ended today whose person had a call or email earlier that day: neither worked nor missed',
            },
          ]
        : []),
      ended(missed, justEnded, endedUnsure),
    ];
  const on = onDay(date, today, zone);
  return [
    { key: 'windows', text: `${windows} ${windows === 1 ? 'window' : 'windows'} ${on}` },
    {
      key: 'sure',
      text: `${sure} at 2★ or more`,
      // Beside a past day's "N planned", which counts a person's alternatives too.
      ...(date < today && plan.dayCoverage && !filtered ? { title: SURE_SHOWN } : {}),
    },
    ...(none > 0 ? [{ key: 'none', text: `${none} without a window ${on}` }] : []),
    finished(done, aside, off, plan.channels, tried),
    // A day looked back on says how it was worked: all of it as the Team page says it, a filtered
    // list by its rows as today's header counts them.
    ...(date < today && plan.dayCoverage && !filtered
      ? [dayWorked(plan.dayCoverage)]
      : worked > 0
        ? [workedRows(worked, 'Done')]
        : []),
  ];
}

function workedRows(worked: number, listedUnder: string): PlanCount {
  return {
    key: 'worked',
    text: `${worked} worked`,
    title: `Windows with a call or email to the person in them (open now or ended), not marked done here: listed under ${listedUnder}`,
  };
}

const SURE_SHOWN =
  'Rows whose shown window is of 2★ or more. The planned windows beside count a person whose first window of 2★ or more is an alternative too, so they can be more';

/**
 * A past day's worked windows in the Team page's words for the rep's lane, all of them ("16 of 62
 * due worked, 62 planned", `laneCountParts`): its count is of one window of 2★ or more per person
 * and channel, the first among all their windows (an alternative too), where a call that did not
 * reach them (the header's "tried") and a row marked done work the window too. Said as "planned",
 * not bare, it cannot be read as the header's "at 2★ or more" (the rows' shown windows only).
 */
function dayWorked(c: TeamCoverage): PlanCount {
  const parts = laneCountParts(c);
  return {
    key: 'worked',
    text: parts.map((p) => p.text).join(', '),
    ...(parts.length > 1 && parts[0] ? { short: parts[0].text } : {}),
    title: `${parts.map((p) => p.title).join('. ')}. As the Team page counts the day: one window of 2★ or more per person and channel, the first among all their windows (an alternative too, not only the row's shown one counted in "at 2★ or more"), worked by a call or email in it (answered or tried) or a row marked done`,
  };
}

/**
 * The windows that ended unworked with no sure one left today, in one count as done and skipped
 * are ("1 missed · 1 just ended · 3 under 2★"): the parts beside missed show only when there are
 * any, and the header keeps to one line at 1024 px on a busy morning.
 */
function ended(missed: number, justEnded: number, unsure: number): PlanCount {
  const text = [`${missed} missed`];
  const title = [
    'Missed: windows of 2★ or more struck through (30 minutes after their end) with no call or email to the person before their end, and no window of 2★ or more later today',
  ];
  if (justEnded > 0) {
    text.push(`${justEnded} just ended`);
    title.push('Just ended: the same, ended less than 30 minutes ago; missed once struck through');
  }
  if (unsure > 0) {
    text.push(`${unsure} under 2★`);
    title.push(
      'Under 2★: windows under 2★ that ended so, listed under Low confidence and never missed (as on the Team page)',
    );
  }
  // Narrow, the parts beside missed (none missed yet) are in the tooltip only.
  return {
    key: 'missed',
    text: text.join(' · '),
    title: title.join('. '),
    ...(text.length > 1 ? { short: text[0] } : {}),
  };
}

function finished(
  done: number,
  aside: number,
  off: Planner['finishedOff'],
  channels: readonly Channel[],
  tried: number,
): PlanCount {
  // Beside the Team week's "Calls: 16 logged in Zoho" for the same day, "0 done" would read as a
  // disagreement: the two count different things, and the tooltip says which.
  const title: string[] = [
    'Done: this plan’s rows marked done in this app (Done, or a call logged here). The Team week’s “logged in Zoho” counts every call the CRM holds for the rep that day, on the plan or not, so it can be more',
  ];
  if (tried > 0)
    title.push(
      'Tried: windows with a call in them that did not reach the person (no answer, busy, voicemail), worked as the Team page counts them; the rows stay on the plan to call again',
    );
  if (aside > 0) title.push('Skipped: skipped, or snoozed to another day');
  if (off.done + off.skipped > 0) {
    const names = (['call', 'email'] as const)
      .filter((c) => !channels.includes(c))
      .map((c) => `${c}s`)
      .join(' and ');
    title.push(
      `Counted with them: ${off.done} done and ${off.skipped} skipped on ${names}, whose suggestions are now off (Settings › Best time), so not listed`,
    );
  }
  return {
    key: 'done',
    text: [
      `${done} done`,
      ...(tried > 0 ? [`${tried} tried`] : []),
      ...(aside > 0 ? [`${aside} skipped`] : []),
    ].join(' · '),
    title: title.join('. '),
  };
}

/**
 * The header's counts in two parts, each read as one: what the plan holds (to call, in window,
 * upcoming) and how the day has gone, from done on (worked, reached early, missed). Where one
 * line cannot hold them all, the second part goes under the first, whole.
 */
export function countParts(counts: readonly PlanCount[]): PlanCount[][] {
  const at = counts.findIndex((c) => c.key === 'done');
  return at <= 0 ? [[...counts]] : [counts.slice(0, at), counts.slice(at)];
}

const NONE_OFF: Planner['finishedOff'] = { done: 0, skipped: 0 };
const ALL_CHANNELS: Pick<Planner, 'channels' | 'finishedOff'> = {
  channels: ['call', 'email'],
  finishedOff: NONE_OFF,
};

/** "on Saturday" within a week of today, else "on Sat 5 Dec", with the year when not today's. */
function onDay(date: string, today: string, zone: string): string {
  const day = DateTime.fromISO(date, { zone });
  const now = DateTime.fromISO(today, { zone });
  const away = Math.abs(day.diff(now, 'days').days);
  if (away < 7) return `on ${day.toFormat('cccc')}`;
  return `on ${day.toFormat(day.year === now.year ? 'ccc d LLL' : 'ccc d LLL yyyy')}`;
}

/**
 * Whether a row whose window ended has another window today, of 2★ or more, not yet struck
 * through (BT-6): its person is still to come on the channel, as the Team page counts them (one
 * window of 2★ or more per person and channel; one passed with a later one that day is not
 * missed). A later window under 2★ is nobody's expected work there, so it does not save the row.
 */
function stillToCome(r: PlannerRow, now: number): boolean {
  if (r.end === null) return false;
  for (const a of r.alternatives)
    if (a.start >= r.end && !isLowConfidence(a.stars) && now < a.end + STRIKE_AFTER_MS) return true;
  return false;
}
