import type { PeoplePage } from '@shared/contract';
import { lastActivityText, onSiteNow } from '../format/lastActivityText';
import { onWebsiteTitle } from '../format/onWebsiteText';

/**
 * The People list's last activity cell: up to two lines in its narrow column ("they opened an
 * email 3 d ago"), whole rather than cut, a visit under way in the Visits page's colour.
 */
export function LastActivityCell({
  person,
  now,
  zone,
}: {
  person: PeoplePage['rows'][number];
  now: number;
  /** The rep's clock, for when "on the website now" stops counting them. */
  zone: string;
}): React.JSX.Element {
  const there = onSiteNow(person, now);
  return (
    <span
      role="cell"
      className={there ? 'people-last people-last-onsite' : 'people-last subtle'}
      title={
        there && person.onSiteUntil !== null ? onWebsiteTitle(person.onSiteUntil, zone) : undefined
      }
    >
      {lastActivityText(person, now)}
    </span>
  );
}
