import { DateTime } from 'luxon';
import type { Planner, Settings } from '@shared/contract';
import { formatDay } from '../format/time';
import { BEST_TIME, WORKING_HOURS, hrefFor } from '../stores/routeStore';
import { useOrganisationWide, useSession } from '../stores/sessionStore';

/**
 * A day outside the rep's hours (their shift's, else the business hours), or one of their days
 * off (a holiday): one line, and the way to the next open day.
 */
export function ClosedDay({
  plan,
  repName,
  onDate,
}: {
  plan: Planner;
  /** The rep whose plan a manager is looking at, or null for the user's own. */
  repName: string | null;
  onDate: (date: string) => void;
}): React.JSX.Element {
  const weekday = DateTime.fromISO(plan.date, { zone: plan.repTz }).toFormat('cccc');
  // Settings shows the hours of the rep whose day it is: a manager's link names the rep.
  const own = useSession((s) => s.session?.currentUser?.id === plan.repId);
  // A manager reads someone else's day: the shift is the rep's, named, not "your".
  const whose = !own && repName ? `${repName}’s` : 'your';
  return (
    <div className="empty closed-day" role="status">
      {plan.holiday
        ? `${weekday} is a holiday (${plan.holiday}) of ${plan.shift ? `${whose} shift (${plan.shift})` : 'the organisation'}`
        : `${weekday} is outside ${plan.shift ? `${whose} shift’s hours (${plan.shift})` : 'the organisation’s business hours'}`}
      : nothing to plan.{' '}
      {plan.nextOpenDate && (
        <button type="button" onClick={() => onDate(plan.nextOpenDate ?? plan.date)}>
          Go to {formatDay(plan.nextOpenDate, plan.repTz)}
        </button>
      )}
      {(own || repName) && (
        <>
          {' '}
          {/* The day goes along: a past holiday, or one past the next few, is not on the card's list. */}
          <a
            href={hrefFor({
              page: 'settings',
              id: WORKING_HOURS,
              focus: plan.date,
              ...(own ? {} : { rep: plan.repId }),
            })}
          >
            See {own ? 'your' : whose} working hours
          </a>
        </>
      )}
    </div>
  );
}

/**
 * A list with no row to show, and why: filters that match no one (with a way out), or a plan
 * with no rows at all, said as what is so rather than "maybe the Settings switches".
 */
export function EmptyPlan({
  plan,
  settings,
  filtered,
  restFailed,
  repName,
  hasTeam,
  onClearFilters,
}: {
  plan: Planner;
  settings: Pick<Settings, 'callSuggestions' | 'emailSuggestions'> | null;
  filtered: boolean;
  /** The plan's rows after its first ones did not come (the page says so and offers Retry). */
  restFailed: boolean;
  /** The rep whose plan a manager is looking at, or null for the user's own. */
  repName: string | null;
  hasTeam: boolean;
  onClearFilters: () => void;
}): React.JSX.Element {
  const organisationWide = useOrganisationWide();
  return (
    <div className="empty" role="status">
      {plan.total > 0 && filtered ? (
        <>
          {plan.rows.length === plan.total
            ? 'No one matches these filters.'
            : // Only the first rows are here: someone further down the plan may match.
              restFailed
              ? `No one among the first ${plan.rows.length.toLocaleString()} of ${plan.total.toLocaleString()} rows matches these filters.`
              : `Looking through all ${plan.total.toLocaleString()} rows…`}{' '}
          <button type="button" onClick={onClearFilters}>
            Clear the filters
          </button>
        </>
      ) : (
        emptyReason(plan, settings, repName, hasTeam, organisationWide)
      )}
    </div>
  );
}

function emptyReason(
  plan: Planner,
  settings: Pick<Settings, 'callSuggestions' | 'emailSuggestions'> | null,
  repName: string | null,
  hasTeam: boolean,
  organisationWide: boolean,
): React.ReactNode {
  if (settings && !settings.callSuggestions && !settings.emailSuggestions)
    return (
      <>
        Suggestions for calls and for emails are both switched off:{' '}
        <a href={hrefFor({ page: 'settings', id: BEST_TIME })}>Settings › Best time</a>.
      </>
    );
  if (plan.owned === 0)
    return repName ? (
      `${repName} owns no leads or contacts, so there is nothing to plan.`
    ) : organisationWide && hasTeam ? (
      <>
        {/* An admin: nobody reports to them, every rep's day is theirs to look at. */}
        You own no leads or contacts, so you have no plan of your own. Pick a rep in the list
        showing “My plan” above to see their day, or{' '}
        <a href={hrefFor({ page: 'team' })}>see the whole organisation’s day on Team</a>.
      </>
    ) : hasTeam ? (
      <>
        {/* The list shows "My plan", not its label (Owner), which only a screen reader reads. */}
        You own no leads or contacts, so your own plan is empty. Pick one of your reps in the list
        showing “My plan” above to see their day, or{' '}
        <a href={hrefFor({ page: 'team' })}>see your team</a>.
      </>
    ) : (
      'You own no leads or contacts, so there is nothing to plan.'
    );
  const whose = repName ? `${repName}’s` : 'your';
  const off =
    settings && !settings.callSuggestions
      ? ' (suggestions for calls are switched off)'
      : settings && !settings.emailSuggestions
        ? ' (suggestions for emails are switched off)'
        : '';
  return `None of ${whose} ${plan.owned.toLocaleString()} ${plan.owned === 1 ? 'person has' : 'people have'} a suggested window yet${off}: a window appears once someone has engaged, by answering a call, opening an email or replying.`;
}
