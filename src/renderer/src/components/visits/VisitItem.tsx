import { memo, useEffect, useRef, useState } from 'react';
import type { VisitRow } from '@shared/alertsContract';
import { CATEGORY_LABELS } from '@shared/visitorCategories';
import { hrefFor } from '../../stores/routeStore';
import { formatClock, formatDateTime } from '../../format/time';
import { onWebsiteTitle } from '../../format/onWebsiteText';
import { leavesWebsiteAt } from '@shared/onTheWebsite';
import { Stars } from '../Stars';
import { telUri } from '@shared/telUri';
import { isLowConfidence } from '@shared/slotStates';
import { notInCrmYet } from '@shared/localLead';
import { VISITOR_IN_ZOHO_TEXT } from '@shared/visitorInZoho';
import { CreateLeadDialog } from './CreateLeadDialog';
import {
  actionText,
  durationText,
  pagePath,
  referrerText,
  visitSpan,
  windowText,
} from './visitText';

function WindowLine({
  label,
  icon,
  window,
  off,
  zone,
  now,
}: {
  label: string;
  icon: string;
  window: VisitRow['windows']['call'];
  /** The rep turned this channel's suggestions off (BT-8): no window is a choice, not a gap. */
  off: boolean;
  zone: string;
  now: number;
}): React.JSX.Element {
  const text = windowText(window, zone, now);
  // A window under 2★ is a guess (the planner folds them under "Low confidence"): said plainly,
  // it does not call for a call as an open window rated well does.
  const tone =
    !text || !window
      ? ''
      : isLowConfidence(window.stars)
        ? ' window-low'
        : window.state === 'now'
          ? ' window-open'
          : '';
  return (
    <span className={`visit-window${tone}`}>
      <span aria-hidden>{icon}</span> {label}:{' '}
      {off ? (
        <span className="subtle">suggestions are off (Settings › Best time)</span>
      ) : text && window ? (
        <>
          {text} <Stars value={window.stars} />
        </>
      ) : (
        <span className="subtle">no window known</span>
      )}
    </span>
  );
}

/**
 * One visit (VT-1, VT-4, VT-9): who, their category and owner, the pages read with their times,
 * what else they did (a form sent, a download), how they came, the score, a masked IP, their call and e-mail windows now or next, and the
 * one-click call, e-mail and open-person.
 */
export const VisitItem = memo(function VisitItem({
  visit,
  zone,
  now,
  today,
  suggestions,
  focused = false,
}: {
  visit: VisitRow;
  zone: string;
  now: number;
  /** A visit of today: its times without the date. */
  today: boolean;
  /** Which channels' windows the rep wants suggested (Settings › Best time). */
  suggestions: { call: boolean; email: boolean };
  /** The visit an alert opened the page for: marked, and scrolled to. */
  focused?: boolean;
}): React.JSX.Element {
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) item.current?.scrollIntoView({ block: 'nearest' });
  }, [focused]);
  const name = visit.name ?? 'Unknown visitor';
  const when = today
    ? visitSpan(visit.startedAt, visit.lastSeenAt, visit.onSiteNow, zone)
    : formatDateTime(visit.startedAt, zone);
  const tel = visit.phone ? telUri(visit.phone) : null;
  const [creatingLead, setCreatingLead] = useState(false);
  const [leadKept, setLeadKept] = useState<string | null>(null);
  return (
    <li
      ref={item}
      className={`visit-item${visit.onSiteNow ? ' on-site' : ''}${focused ? ' focused' : ''}`}
      aria-label={name}
      aria-current={focused ? 'true' : undefined}
      data-visit={visit.id}
    >
      <div className="visit-head">
        {visit.personId ? (
          <a href={hrefFor({ page: 'person', id: visit.personId })} className="person-link">
            {name}
          </a>
        ) : (
          <span className="visit-name">{name}</span>
        )}
        {/* An unknown visitor's name already says what its category would; one Zoho knows
            but the sync has not brought is not unknown (the actions say so). */}
        {!visit.personInCrmOnly && !(visit.name === null && visit.category === 'unknown') && (
          <span className={`chip cat-chip cat-${visit.category}`}>
            {CATEGORY_LABELS[visit.category]}
          </span>
        )}
        {visit.company && (
          <span className="subtle ellipsis" title={visit.company}>
            {visit.company}
          </span>
        )}
        {visit.personId && (
          <span className="subtle visit-owner">Owner: {visit.ownerName ?? 'nobody'}</span>
        )}
        <span className="visit-when subtle">
          {visit.onSiteNow && (
            <span
              className="chip chip-onsite"
              title={onWebsiteTitle(
                leavesWebsiteAt({
                  startedAt: visit.startedAt,
                  endedAt: visit.lastSeenAt,
                  lastPageAt: null,
                }),
                zone,
              )}
            >
              on the website now
            </span>
          )}{' '}
          {when}
        </span>
      </div>
      <dl className="visit-facts">
        <div>
          <dt>Time on site</dt>
          <dd>{durationText(visit.timeSpentS)}</dd>
        </div>
        <div>
          <dt>Referrer</dt>
          <dd title={visit.referrer ?? undefined}>{referrerText(visit.referrer)}</dd>
        </div>
        <div>
          <dt>Search</dt>
          <dd>
            {visit.searchEngine
              ? `${visit.searchEngine}${visit.searchKeyword ? `: “${visit.searchKeyword}”` : ''}`
              : '—'}
          </dd>
        </div>
        <div>
          <dt>Score</dt>
          <dd>{visit.score ?? '—'}</dd>
        </div>
        <div>
          <dt>IP</dt>
          <dd>{visit.ipMasked ?? '—'}</dd>
        </div>
      </dl>
      <ol className="visit-pages" aria-label="Pages read">
        {visit.pages.map((p, i) => (
          <li key={`${p.viewedAt}-${i}`} title={p.url}>
            <time className="subtle">{formatClock(p.viewedAt, zone)}</time>{' '}
            <span className="visit-page">{pagePath(p.url)}</span>
            {p.title && <span className="subtle"> · {p.title}</span>}
            {p.timeSpentS !== null && (
              <span className="subtle"> · {durationText(p.timeSpentS)}</span>
            )}
          </li>
        ))}
        {visit.pages.length === 0 && <li className="subtle">No pages recorded.</li>}
      </ol>
      {visit.actions.length > 0 && (
        <ul className="visit-did" aria-label="What they did">
          {visit.actions.map((a, i) => (
            <li key={i}>{actionText(a, zone)}</li>
          ))}
        </ul>
      )}
      <div className="visit-foot">
        {visit.personId && (
          <div className="visit-windows">
            <WindowLine
              label="Call"
              icon="☎"
              window={visit.windows.call}
              off={!suggestions.call}
              zone={zone}
              now={now}
            />
            <WindowLine
              label="Email"
              icon="✉"
              window={visit.windows.email}
              off={!suggestions.email}
              zone={zone}
              now={now}
            />
          </div>
        )}
        <div className="visit-actions">
          {tel && (
            <a className="call-link" href={tel}>
              Call
            </a>
          )}
          {visit.email && (
            <a className="email-link" href={`mailto:${visit.email}`}>
              Email
            </a>
          )}
          {visit.personId && (
            <a className="open-person" href={hrefFor({ page: 'person', id: visit.personId })}>
              Open person
            </a>
          )}
          {/* Seed 004: after the chat, the unknown visitor becomes the rep's lead. */}
          {!visit.personId && visit.personInCrmOnly && (
            <span className="subtle in-crm-only">{VISITOR_IN_ZOHO_TEXT}</span>
          )}
          {!visit.personId && !visit.personInCrmOnly && (
            <button type="button" className="create-lead" onClick={() => setCreatingLead(true)}>
              Create lead
            </button>
          )}
          {notInCrmYet(visit.personId) && (
            <span className="chip not-in-crm" title="Created here: the next sync sends it to Zoho">
              Not in Zoho yet
            </span>
          )}
          {leadKept && <span className="subtle">{leadKept}</span>}
          {creatingLead && (
            <CreateLeadDialog
              visit={visit}
              onCreated={setLeadKept}
              onClose={() => setCreatingLead(false)}
            />
          )}
        </div>
      </div>
    </li>
  );
});
