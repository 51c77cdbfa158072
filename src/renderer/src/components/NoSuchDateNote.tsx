import { AHEAD_DAYS, PAST_DAYS } from '@shared/pickableDays';

/**
 * What the Planner or the Team page says when its address names a day or week that is no date, or
 * one beyond the days the planner shows: whoever edited it, or followed a mangled or old link, is
 * told what they see instead of being left to think the date they asked for is the one shown.
 */
export function NoSuchDateNote({
  unit,
  text,
  far,
}: {
  unit: 'day' | 'week';
  /** What the address held in the date's place. */
  text: string;
  /** Set when `text` is a date, but beyond the planner's days on this side. */
  far?: 'past' | 'ahead' | undefined;
}): React.JSX.Element {
  const shown = unit === 'day' ? 'today' : 'this week';
  const named = unit === 'day' ? `“${text}”` : `the week of “${text}”`;
  return (
    <p className="notice" role="note">
      {far === 'past'
        ? `No plans are kept for ${named}, more than ${PAST_DAYS} days back: showing ${shown}.`
        : far === 'ahead'
          ? `No plans are made for ${named}, more than ${AHEAD_DAYS} days ahead: showing ${shown}.`
          : `No such ${unit} as “${text}”: showing ${shown}.`}
    </p>
  );
}
