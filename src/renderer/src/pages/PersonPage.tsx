import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CALL_OUTCOME_LABEL } from '@shared/callOutcome';
import type { PersonPageDetail } from '@shared/contract';
import { call, onEvent } from '../api/client';
import { coreNow } from '../clock/coreClock';
import { reloadsPerson } from './peopleReloads';
import { Stars } from '../components/Stars';
import { EngagementHeatmap } from '../components/EngagementHeatmap';
import { PersonCallActions } from '../components/PersonCallActions';
import { TaskActions } from '../components/TaskActions';
import { EmailResponsiveness } from '../components/EmailResponsiveness';
import {
  formatAgo,
  formatClock,
  formatDate,
  formatDateTime,
  formatWeekdayClock,
  minutesToClock,
  WEEKDAYS,
  zoneLabel,
} from '../format/time';
import { useSession } from '../stores/sessionStore';
import { timelineText } from '../format/timelineText';
import { telUri } from '@shared/telUri';
import { formatAmount } from '../format/money';
import { zoneCity } from '../format/zoneCities';
import { afterColon } from '../format/afterColon';
import { onWebsiteTitle } from '../format/onWebsiteText';
import { notInCrmYet } from '@shared/localLead';
import { actionText } from '../components/visits/visitText';
import { useNow } from '../hooks/useNow';
import { nextWindowChange, windowsAt, windowsOutdatedAt } from '../person/windowsAt';

const CHANNEL_FILTERS = ['all', 'call', 'email', 'case', 'web', 'social', 'task'] as const;

/** As the planner words a row's ended window. */
const ENDED_LABEL = { passed: 'window just ended', struck: 'window passed' } as const;
/** A moment after a window ends, so the core's clock has passed it too. */
const AFTER_END_MS = 1_000;

export function PersonPage({ id }: { id: string }): React.JSX.Element {
  const session = useSession((s) => s.session);
  // The only settings getPerson reads: a new settings object (every session reload) is no reason
  // to ask again.
  const callSuggestions = useSession((s) => s.settings?.callSuggestions);
  const emailSuggestions = useSession((s) => s.settings?.emailSuggestions);
  // The core reads a person for the signed-in rep (whose a visit matched by a shared e-mail is):
  // a switch of user asks again, and an answer asked for before it ended is dropped.
  const switched = useSession((s) => s.switched);
  // Each answer and refusal is kept with the person it is about: another person's never shows.
  const [loaded, setLoaded] = useState<{ id: string; detail: PersonPageDetail } | null>(null);
  const [failed, setFailed] = useState<{ id: string; message: string } | null>(null);
  const [reloads, setReloads] = useState(0);
  // The demo has no CRM: said once, with the first task changed there (TaskActions).
  const [kept, setKept] = useState<string | null>(null);
  const [channel, setChannel] = useState<(typeof CHANNEL_FILTERS)[number]>('all');

  // A sync announces its visits every run, nearly all of other people's (peopleReloads.ts).
  const shown = useRef<{ id: string; lastVisitAt: number | null }>({ id, lastVisitAt: null });
  const lastVisitAt =
    loaded?.id === id ? (loaded.detail.person.visitSummary.lastVisitAt ?? null) : null;
  useEffect(() => {
    shown.current = { id, lastVisitAt };
  }, [id, lastVisitAt]);
  useEffect(
    () =>
      onEvent('data-changed', (change) => {
        const { id: personId, lastVisitAt: last } = shown.current;
        if (reloadsPerson(change, personId, last, coreNow())) setReloads((n) => n + 1);
      }),
    [],
  );
  // A refresh happens behind the page on screen: what the rep opened (a chat, the whole week, the
  // heatmap's filter) and where they scrolled stay as they were.
  useEffect(() => {
    let live = true;
    call('getPerson', { id }).then(
      (d) => {
        if (!live) return;
        setLoaded({ id, detail: d });
        setFailed(null);
      },
      (e: Error) => live && setFailed({ id, message: e.message }),
    );
    return () => {
      live = false;
    };
  }, [id, switched, callSuggestions, emailSuggestions, reloads]);
  const detail = loaded?.id === id ? loaded.detail : null;
  const error = failed?.id === id ? failed.message : null;

  const timeline = useMemo(
    () => (detail ? detail.timeline.filter((t) => channel === 'all' || t.channel === channel) : []),
    [detail, channel],
  );

  // The windows' states follow the clock, so one that ended is struck through on time (BT-6)
  // with no reload, as on the planner; and "on the website now" goes the moment the Visits page
  // stops saying it.
  const featured = detail?.nextWindows;
  const onSiteUntil = detail?.onSiteUntil ?? null;
  const wake = useCallback(
    (at: number) => {
      const windowChange = featured ? nextWindowChange(featured, at) : null;
      if (onSiteUntil === null || onSiteUntil <= at) return windowChange;
      return windowChange === null ? onSiteUntil : Math.min(windowChange, onSiteUntil);
    },
    [featured, onSiteUntil],
  );
  const liveNow = useNow(30_000, wake);
  const windowsNow = useMemo(
    () => (featured ? windowsAt(featured, liveNow) : []),
    [featured, liveNow],
  );
  // Once a channel has none left to come, the core's answer names the next day's: ask again then.
  useEffect(() => {
    if (!featured) return;
    const at = coreNow();
    const outdated = windowsOutdatedAt(featured, at);
    if (outdated === null) return;
    const timer = setTimeout(() => setReloads((n) => n + 1), outdated - at + AFTER_END_MS);
    return () => clearTimeout(timer);
  }, [featured]);

  if (error && !detail)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!detail || !session) return <p className="loading">Loading…</p>;
  const { person, account, deals, windows, nextWindows } = detail;
  const repTz = session.currentUser?.timeZone ?? session.org.timeZone;
  const now = session.now;
  const v = person.visitSummary;
  // A number that makes no link is still shown, as the CRM holds it.
  const tel = person.phone ? telUri(person.phone) : null;

  return (
    <section className="page person-page">
      <header className="page-head">
        <h1>{person.name}</h1>
        <p className="subtle">
          <span className={`chip chip-${person.module}`}>
            {person.module === 'lead' ? 'Lead' : 'Contact'}
          </span>{' '}
          {notInCrmYet(person.id) && (
            <span
              className="chip not-in-crm"
              title="Created here from a visit: the next sync creates it in Zoho (Settings › CRM account says if Zoho refused it)"
            >
              Not in Zoho yet
            </span>
          )}{' '}
          {person.title} {person.company ? `at ${person.company}` : ''} ·{' '}
          <span title={person.timeZone}>{zoneLabel(person.timeZone, now)}</span>
        </p>
        {detail.callToday && (
          <PersonCallActions
            personId={person.id}
            name={person.name}
            callToday={detail.callToday}
            repTz={repTz}
          />
        )}
        {error && (
          <p className="error" role="alert">
            {afterColon('Could not refresh this page', error)}
          </p>
        )}
      </header>
      <div className="person-layout">
        <div className="person-side">
          <article className="card" aria-label="Details">
            <h2>Details</h2>
            <dl className="fields">
              <dt>Email</dt>
              <dd>{person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : '—'}</dd>
              <dt>Phone</dt>
              <dd>
                {person.phone && tel ? <a href={tel}>{person.phone}</a> : (person.phone ?? '—')}
              </dd>
              <dt>Country</dt>
              <dd>{person.country ?? '—'}</dd>
              <dt>Owner</dt>
              <dd>{person.ownerName ?? '—'}</dd>
              {person.module === 'lead' && (
                <>
                  <dt>Lead status</dt>
                  <dd>{person.leadStatus ?? '—'}</dd>
                </>
              )}
              <dt>Source</dt>
              <dd>{person.leadSource ?? '—'}</dd>
            </dl>
          </article>
          <article className="card" aria-label="Account and deals">
            <h2>Account</h2>
            {account ? (
              <p>
                <strong>{account.name}</strong>
                <br />
                <span className="subtle">{account.industry}</span>
              </p>
            ) : (
              <p className="subtle">No account.</p>
            )}
            <h2>Deals</h2>
            {deals.length === 0 ? (
              <p className="subtle">No deals.</p>
            ) : (
              <ul className="deal-list">
                {deals.map((d) => (
                  <li key={d.id}>
                    <span>{d.name}</span>{' '}
                    <span className={`chip chip-deal-${d.status}`}>{d.stage}</span>{' '}
                    <span className="subtle">
                      {d.amount !== null ? formatAmount(d.amount, d.currency) : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </article>
          <article className="card" aria-label="Website visits">
            <h2>Website visits</h2>
            {v.daysVisited ? (
              <dl className="fields">
                <dt>Days visited</dt>
                <dd>{v.daysVisited}</dd>
                <dt>Chats</dt>
                <dd>{v.chats ?? 0}</dd>
                <dt>Average time spent</dt>
                <dd>{v.avgTimeSpentMin} min</dd>
                <dt>First visit</dt>
                <dd>{v.firstVisitAt ? formatDateTime(v.firstVisitAt, repTz) : '—'}</dd>
                <dt>Last visit</dt>
                <dd>
                  {/* On the page's clock, as "on the website now" beside it. */}
                  {v.lastVisitAt
                    ? `${formatDateTime(v.lastVisitAt, repTz)} (${formatAgo(v.lastVisitAt, liveNow)})`
                    : '—'}
                  {onSiteUntil !== null && liveNow < onSiteUntil && (
                    <>
                      {' '}
                      <span className="chip chip-onsite" title={onWebsiteTitle(onSiteUntil, repTz)}>
                        on the website now
                      </span>
                    </>
                  )}
                </dd>
                <dt>First page</dt>
                <dd>{v.firstVisitedUrl ?? '—'}</dd>
                <dt>Referrer</dt>
                <dd>{v.referrer ?? 'direct'}</dd>
                <dt>Visitor score</dt>
                <dd>{v.score ?? '—'}</dd>
              </dl>
            ) : (
              <p className="subtle">No website visits known.</p>
            )}
          </article>
        </div>
        <div className="person-main">
          <article className="card" aria-label="Best time to contact">
            <h2>Best time to contact</h2>
            {windows.length === 0 ? (
              <p className="subtle">
                No suggestion yet: it appears once this person has engaged at least once.
              </p>
            ) : nextWindows.length === 0 ? (
              <p className="subtle">No window falls inside business hours in the coming week.</p>
            ) : (
              <ul className="window-list">
                {windowsNow.map(({ window: w, state }) => (
                  <li
                    key={`${w.channel}-${w.start}`}
                    className={`window-item state-${state}${w.rank === 1 ? ' best' : ''}`}
                    data-state={state}
                  >
                    <div>
                      <span className={`chip chip-${w.channel}`}>
                        {w.channel === 'call' ? '☎ call' : '✉ email'}
                      </span>{' '}
                      <strong className="window-time">
                        {WEEKDAYS[w.weekday]} {formatClock(w.start, w.timeZone)}–
                        {formatClock(w.end, w.timeZone)}
                      </strong>{' '}
                      <span className="subtle">their time, {zoneLabel(w.timeZone, w.start)}</span>{' '}
                      <Stars value={w.stars} />
                      {(state === 'passed' || state === 'struck') && (
                        <span className="state-label"> · {ENDED_LABEL[state]}</span>
                      )}
                    </div>
                    <div className="subtle">
                      {formatWeekdayClock(w.start, repTz)}–{formatClock(w.end, repTz)} your time ·{' '}
                      {w.reason}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <EmailResponsiveness
              value={detail.emailResponse}
              ownersView={person.ownerId !== null && person.ownerId === session.currentUser?.id}
            />
            {windows.length > 0 && (
              <details className="week">
                <summary>Whole week</summary>
                <table className="week-table">
                  <tbody>
                    {windows.map((w) => (
                      <tr key={`${w.channel}-${w.weekday}-${w.rank}`}>
                        <td>{w.channel}</td>
                        <td>{WEEKDAYS[w.weekday]}</td>
                        <td>
                          {minutesToClock(w.startMin)}–{minutesToClock(w.endMin)}
                        </td>
                        <td>
                          <Stars value={w.stars} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            )}
          </article>
          <article className="card" aria-label="Engagement heatmap">
            <h2>When they engage</h2>
            <EngagementHeatmap
              items={detail.timeline}
              zone={person.timeZone}
              zoneText={zoneLabel(person.timeZone, now)}
            />
          </article>
        </div>
        <div className="person-history">
          {/* Nobody's visits: the "Website visits" card above already says so, once. */}
          {detail.visits.length > 0 && (
            <article className="card" aria-label="Visits">
              <h2>Visits</h2>
              <table className="visits-table">
                <thead>
                  <tr>
                    <th className="col-when">When</th>
                    <th className="col-ip">IP</th>
                    <th>Pages</th>
                    <th className="col-spent">Time spent</th>
                    <th className="col-referrer">Referrer</th>
                    <th className="col-search">Search</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.visits.map((v) => (
                    <tr key={v.id}>
                      <td className="nowrap">{formatDateTime(v.startedAt, repTz)}</td>
                      <td className="nowrap">{v.ipMasked ?? '—'}</td>
                      <td className="pages" title={v.pages.map((p) => p.url).join('\n')}>
                        {v.pages.map((p, i) => (
                          <span key={i}>
                            {i > 0 && ' → '}
                            <span className="page-path">{p.url}</span>
                          </span>
                        ))}
                        {/* Under the pages, as on the Visits card: a column of its own would take their room. */}
                        {v.actions.length > 0 && (
                          <div className="visit-did">
                            Actions: {v.actions.map((a) => actionText(a, repTz)).join('; ')}
                          </div>
                        )}
                      </td>
                      <td className="nowrap">{Math.round(v.timeSpentS / 60)} min</td>
                      <td className="ellipsis" title={v.referrer ?? undefined}>
                        {v.referrer
                          ? v.referrer.replace(/^https?:\/\/(www\.)?|\/$/g, '')
                          : 'direct'}
                      </td>
                      <td className="search-words">
                        {v.searchEngine
                          ? `${v.searchEngine}${v.searchKeyword ? `: “${v.searchKeyword}”` : ''}`
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          )}
          <article className="card" aria-label="Chats">
            <h2>Chats</h2>
            {detail.chats.length === 0 ? (
              <p className="subtle">No chats.</p>
            ) : (
              detail.chats.map((c) =>
                // The transcript the CRM keeps as a note, as plain text (markup dropped in the core).
                c.messages.length === 0 && c.transcript !== null ? (
                  <details key={c.id} className="chat">
                    <summary>
                      Chat on {formatDateTime(c.startedAt, repTz)} ·{' '}
                      {c.transcript === '' && c.transcriptFiles?.length
                        ? 'transcript attached in Zoho'
                        : 'transcript from the CRM'}
                    </summary>
                    {c.transcript !== '' && <p className="transcript-text">{c.transcript}</p>}
                    {/* Kept as a file on the note: named, not downloaded (open it in Zoho). */}
                    {c.transcriptFiles?.length ? (
                      <p className="subtle">
                        Transcript attached in Zoho: {c.transcriptFiles.join(', ')}
                      </p>
                    ) : null}
                  </details>
                ) : // Zoho gives a visit's chats as when they began; a chat without its note has
                // nothing to open.
                c.messages.length === 0 ? (
                  <p key={c.id} className="chat">
                    Chat on {formatDateTime(c.startedAt, repTz)}{' '}
                    <span className="subtle">· no transcript in the CRM</span>
                  </p>
                ) : (
                  <details key={c.id} className="chat">
                    <summary>
                      Chat on {formatDateTime(c.startedAt, repTz)} · {c.messages.length} message
                      {c.messages.length === 1 ? '' : 's'}
                    </summary>
                    <ol className="transcript">
                      {c.messages.map((m, i) => (
                        <li key={i} className={`msg msg-${m.sender}`}>
                          <span className="subtle">
                            {m.author} · {formatClock(m.sentAt, repTz)}
                          </span>
                          <div>{m.text}</div>
                        </li>
                      ))}
                    </ol>
                  </details>
                ),
              )
            )}
          </article>
          <article className="card" aria-label="Timeline">
            <div className="card-head">
              <h2>Timeline</h2>
              <div className="segmented" role="group" aria-label="Filter the timeline by channel">
                {CHANNEL_FILTERS.map((c) => (
                  <button key={c} aria-pressed={channel === c} onClick={() => setChannel(c)}>
                    {c}
                  </button>
                ))}
              </div>
            </div>
            {kept && (
              <p className="subtle" role="status">
                {kept}
              </p>
            )}
            {/* The contact's own clock is elsewhere on the page ("their time"): these are not it. */}
            {person.timeZone !== repTz && (
              <p className="subtle">
                times in {zoneCity(repTz) ?? zoneLabel(repTz, now)} (your time)
              </p>
            )}
            <ol className="timeline">
              {timeline.map((t) => {
                const { text, who } = timelineText(t);
                // A missed call has no conversation to time.
                const length =
                  t.durationS && t.signal !== 'call_inbound_missed'
                    ? `${Math.round(t.durationS / 60)} min`
                    : null;
                return (
                  <li
                    key={t.id}
                    className={t.status === 'scheduled' || t.status === 'overdue' ? t.status : ''}
                  >
                    {/* A task's due date is a day: the hour it is placed at is no deadline. */}
                    <time className="subtle">
                      {t.dueDate ? formatDate(t.dueDate) : formatDateTime(t.startAt, repTz)}
                    </time>
                    <span className={`chip chip-${t.kind}`}>{t.kind}</span>
                    <span>{text}</span>
                    <span className="subtle">
                      {[
                        who,
                        // "They answered our call" says it already.
                        t.outcome && t.signal !== 'call_answered'
                          ? CALL_OUTCOME_LABEL[t.outcome].toLowerCase()
                          : null,
                        length,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    {t.kind === 'task' && (t.status === 'scheduled' || t.status === 'overdue') && (
                      <TaskActions
                        task={t}
                        repTz={repTz}
                        onChanged={(_, said) => {
                          if (said) setKept(said);
                        }}
                      />
                    )}
                  </li>
                );
              })}
              {timeline.length === 0 && <li className="subtle">Nothing on this channel.</li>}
            </ol>
          </article>
        </div>
      </div>
    </section>
  );
}
