import type { PeoplePage } from '@shared/contract';
import { lastActivityText, onSiteNow } from '../format/lastActivityText';

/**
 * The People list's last activity cell: up to two lines in its narrow column ("they opened an
 * email 3 d ago"), whole rather than cut, a visit under way in the Visits page's colour.
 */
export function LastActivityCell({
  person,
  now,
}: {
  person: PeoplePage['rows'][number];
  now: number;
}): React.JSX.Element {
  return (
    <span
      role="cell"
      className={onSiteNow(person, now) ? 'people-last people-last-onsite' : 'people-last subtle'}
    >
      {lastActivityText(person, now)}
    </span>
  );
}
