import { useEffect, useState } from 'react';
import { DateTime } from 'luxon';
import type { BacktestAnswer } from '@shared/contract';
import type { BacktestScores, BacktestStarLevel } from '@shared/contract';
import { call } from '../api/client';
import {
  FEWEST_WINDOWS,
  FEWEST_ACTS,
  judged,
  judgedChannel,
  percent,
  RULES,
  starLevelLabel,
  versusSimpleRules,
  whereTheDataIs,
  type ScoredPeriod,
} from '../format/backtestText';
import { useNow } from '../hooks/useNow';
import { shownDay } from '../format/typedDay';
import { useSession } from '../stores/sessionStore';
import { DayField } from './DayField';
import { Stars } from './Stars';

const PERIODS = [7, 14, 28, 56, 91];
const CHANNELS = [
  { key: 'call', label: 'Calls', noun: 'call' },
  { key: 'email', label: 'Emails', noun: 'e-mail' },
] as const;

/**
 * BT-13, Settings › Best time: how often last period's suggested windows were right, per
 * channel against the simple rules, and how often each star level was hit, on the
 * organisation's own data. The core learns from what was known before the period, as
 * `npm run eval` does.
 */
export function BacktestPanel(): React.JSX.Element {
  const session = useSession((s) => s.session);
  const zone = session?.org.timeZone ?? 'UTC';
  const [days, setDays] = useState(28);
  /** The first day of the period (YYYY-MM-DD, the organisation's zone), or null: the last `days` days. */
  const [from, setFrom] = useState<string | null>(null);
  /** The last answer, with the period length it was asked for. */
  const [answer, setAnswer] = useState<{ report: BacktestAnswer; asked: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A period must have begun: one from today or later has no day over to score yet.
  const yesterday = DateTime.fromMillis(useNow(60_000), { zone }).minus({ days: 1 }).toISODate();

  useEffect(() => {
    let live = true;
    let waiting = true;
    const asOf = from ? DateTime.fromISO(from, { zone }).toMillis() : undefined;
    const period = { days, ...(asOf !== undefined ? { asOf } : {}) };
    setBusy(true);
    setError(null);
    call('getBesttimeBacktest', period)
      .then((r) => live && setAnswer({ report: r, asked: days }))
      .catch((e: unknown) => {
        if (!live) return;
        // The last answer was another period's: left under the message, it would read as this one's.
        setAnswer(null);
        setError((e as Error).message);
      })
      .finally(() => {
        waiting = false;
        if (live) setBusy(false);
      });
    return () => {
      live = false;
      // Settings left or another period picked: the core stops a run nobody waits for.
      if (waiting) call('cancelBesttimeBacktest', period).catch(() => undefined);
    };
  }, [days, from, zone]);

  const report = answer?.report ?? null;
  const start = report ? DateTime.fromISO(report.as_of, { zone }) : null;
  const acts = report ? report.channels.call.acts + report.channels.email.acts : 0;
  return (
    <article className="card" aria-labelledby="backtest-title">
      <h2 id="backtest-title">Best time › How the windows did</h2>
      <p className="subtle">
        The windows the app would have suggested from what it knew before the period, scored on what
        people then did (their signals within 30 minutes count once), against simple rules with
        windows as wide. A hit: the act fell in the person’s first window of that day (hit@1) or in
        one of the first three (hit@3).
      </p>
      <div className="backtest-controls">
        <label>
          Period
          <select
            aria-label="Period length"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          >
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
        {/* Not a label: the field comes with its calendar button. */}
        <span>
          from{' '}
          <span className="day-picker">
            <DayField
              date={from ?? start?.toISODate() ?? null}
              zone={zone}
              label="Period start"
              latest={yesterday ?? undefined}
              range={
                yesterday
                  ? `Pick a day up to ${shownDay(yesterday, zone)}: a period from today on has no day over yet`
                  : undefined
              }
              onChange={setFrom}
            />
          </span>
        </span>
        {from && (
          <button type="button" onClick={() => setFrom(null)}>
            Last {days} days
          </button>
        )}
        {busy && <span className="subtle">Computing…</span>}
      </div>
      {error && <p className="error">{error}</p>}
      {report && start && answer && (
        <>
          {/* The core scores only the period's days already over: the label names those. */}
          <p className="subtle" aria-live="polite">
            {start.toFormat('d LLL yyyy')} –{' '}
            {start.plus({ days: report.days - 1 }).toFormat('d LLL yyyy')}
            {report.days < answer.asked && `, ${report.days} of ${answer.asked} days so far`}
          </p>
          {acts === 0 ? (
            <p className="empty">
              Nothing to score in this period: it holds no call or e-mail from anyone the app had
              heard from before it. {whereTheDataIs(answer.report.callsAndEmails, start, zone)}
            </p>
          ) : (
            <BacktestResults report={report} period={{ days: report.days, asked: answer.asked }} />
          )}
        </>
      )}
    </article>
  );
}

/** The period's scores: per channel against the simple rules, and per channel per star level. */
function BacktestResults({
  report,
  period,
}: {
  report: BacktestScores;
  period: ScoredPeriod;
}): React.JSX.Element {
  return (
    <>
      <table className="backtest-table" aria-label="Hit rate by channel">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Acts</th>
            <th scope="col">Suggested windows</th>
            {RULES.map((r) => (
              <th key={r.key} scope="col">
                {r.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CHANNELS.map(({ key, label }) => {
            const c = report.channels[key];
            return (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td>{c.acts}</td>
                {c.acts === 0 ? (
                  // No act, no rate: 0% would read as windows that all missed.
                  <td colSpan={1 + RULES.length} className="subtle">
                    Nothing to score
                  </td>
                ) : !judgedChannel(c) ? (
                  // The sentence below gives no verdict on so few acts: rates here would read as one.
                  <td colSpan={1 + RULES.length} className="subtle">
                    Too few to judge (it takes {FEWEST_ACTS})
                  </td>
                ) : (
                  <>
                    <td>
                      <strong>{percent(c.hit1)}</strong>{' '}
                      <span className="subtle">({percent(c.hit3)} in top 3)</span>
                    </td>
                    {RULES.map((r) => (
                      <td key={r.key}>
                        {percent(c.baselines[r.key].hit1)}{' '}
                        <span className="subtle">({percent(c.baselines[r.key].hit3)})</span>
                      </td>
                    ))}
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {CHANNELS.map(({ key, label }) => {
        const sentence = versusSimpleRules(
          label,
          report.channels[key],
          report.pairedByChannel[key],
          period,
        );
        return sentence && <p key={key}>{sentence}</p>;
      })}
      <h3>Hit rate by stars</h3>
      <p className="subtle">
        Of the windows shown at each star level, the share the person acted in, for calls and
        e-mails apart: their windows are not hit alike. A window counts once for each day it was
        shown; the table above counts acts. A level shown on fewer than {FEWEST_WINDOWS} windows
        gets no bar: its rate would say nothing.
      </p>
      <div className="star-charts">
        {CHANNELS.map(({ key, label, noun }) => (
          <div key={key}>
            <h4>{label}</h4>
            <StarChart label={label} noun={noun} levels={report.starsByChannel[key]} />
          </div>
        ))}
      </div>
    </>
  );
}

/** One channel's hit rate per star level, the bars on a scale of 0 to 100%. */
function StarChart({
  label,
  noun,
  levels,
}: {
  label: string;
  noun: string;
  levels: readonly BacktestStarLevel[];
}): React.JSX.Element {
  if (levels.length === 0)
    return (
      <p className="empty">No {noun} window was shown on a day anyone acted in this period.</p>
    );
  return (
    <ul className="star-chart" aria-label={`Hit rate by stars: ${label}`}>
      {levels.map((b) => (
        <li key={b.stars} aria-label={starLevelLabel(b)}>
          <Stars value={b.stars} />
          {judged(b) ? (
            <>
              <span className="star-bar" aria-hidden>
                <span style={{ width: `${b.hit_rate * 100}%` }} />
              </span>
              <span className="star-rate">
                {percent(b.hit_rate)}{' '}
                <span className="subtle">
                  of {b.windows.toLocaleString()} {b.windows === 1 ? 'window' : 'windows'}
                </span>
              </span>
            </>
          ) : (
            // No bar: an empty or full one on 4 windows reads as a finding about the stars.
            <span className="star-few subtle">
              {b.windows} {b.windows === 1 ? 'window' : 'windows'}, too few to judge
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
