import { useState } from 'react';
import type { CrmAccount, HeldBackRecord } from '@shared/contract';
import { formatDateTime } from '../../format/time';
import { useCrm } from '../../stores/crmStore';
import { useSession } from '../../stores/sessionStore';
import { recordsSyncedSince } from './syncStatusText';

const keyOf = (r: Pick<HeldBackRecord, 'module' | 'recordId'>): string =>
  `${r.module}\u0000${r.recordId}`;

/**
 * The CRM records a sync could not store (the quarantine): counted, then each with its module,
 * name when Zoho's copy has one, id, why and since when, and Retry: signed in, Zoho's copy is
 * read now (stored if this version reads it and its lead or contact is here; why not, if not;
 * one Zoho holds no more leaves the list, a note saying what went or moved with it); signed out,
 * the copy kept is read again. What Retry did is said on the record.
 */
export function HeldBackRecords({
  count,
  records,
  sync,
}: {
  /** All the records held back; `records` lists the newest of them. */
  count: number;
  records: readonly HeldBackRecord[];
  /** The sync's status: a records run completed after a "gone" note ends it. */
  sync: CrmAccount['sync'];
}): React.JSX.Element | null {
  const { retryHeldBack, busy } = useCrm();
  const zone = useSession((s) => s.session?.currentUser?.timeZone ?? s.session?.org.timeZone);
  // The record Retry was last asked of: still listed afterwards means still held back.
  const [retried, setRetried] = useState<string | null>(null);
  // Why the last Retry did not bring its record (Zoho still refuses it, no answer).
  const [refused, setRefused] = useState<{ key: string; why: string } | null>(null);
  // The last Retry found Zoho holds the record no more: it left the list, and this says so (on
  // the panel, as the record's line is gone; the panel stays for it when it was the last one).
  // It says what went from this computer, news until the rep has read it: it stays until they
  // dismiss it, or until a sync of the records completes after it (whose own news then come
  // first; the minute's visits runs do not end it), not until the next Retry. `runBefore`: the
  // start of the last run known when it was said.
  const [gone, setGone] = useState<{ note: string; runBefore: number | null } | null>(null);
  const goneNote = gone !== null && !recordsSyncedSince(sync, gone.runBefore) ? gone.note : null;
  if (count === 0 && goneNote === null) return null;
  const one = count === 1;
  const retry = async (r: HeldBackRecord): Promise<void> => {
    setRetried(null);
    setRefused(null);
    setGone(null);
    const answer = await retryHeldBack(r.module, r.recordId);
    if (answer === null) setRetried(keyOf(r));
    // Read from the store, not this render: Retry's answer may bring a newer run.
    else if (answer.gone)
      setGone({ note: answer.why, runBefore: useCrm.getState().account?.sync.startedAt ?? null });
    else setRefused({ key: keyOf(r), why: answer.why });
  };
  const retriedGone = retried !== null && !records.some((r) => keyOf(r) === retried);
  return (
    <section className="crm-refused crm-held-back" aria-label="Records held back">
      {count > 0 && (
        <p>
          {count} record{one ? '' : 's'} could not be read and {one ? 'is' : 'are'} held back; the
          rest synced. Mend what is said in Zoho (any save there sends it again), then Retry, or
          wait for the next sync.
        </p>
      )}
      {retriedGone && (
        <p role="status" className="subtle">
          Read again and stored.
        </p>
      )}
      {goneNote !== null && (
        <p className="crm-held-back-gone">
          <span role="status" className="subtle">
            {goneNote}
          </span>{' '}
          <button onClick={() => setGone(null)}>Dismiss</button>
        </p>
      )}
      <ul>
        {records.map((r) => {
          const still = retried === keyOf(r);
          return (
            <li key={keyOf(r)}>
              <span>
                {r.module} · {r.name ?? 'no name'} · <code>{r.recordId}</code>: {r.reason}
                {r.waiting && ' (waits for its lead or contact; every sync tries it again)'}.{' '}
                <span className="subtle">
                  Held back since {formatDateTime(r.since, zone ?? 'UTC')}.
                </span>
                {refused?.key === keyOf(r) && (
                  <span role="alert" className="crm-error">
                    {' '}
                    {refused.why}
                  </span>
                )}
                {still && (
                  <span role="status">
                    {' '}
                    {r.waiting
                      ? 'Still waiting for its lead or contact: it is stored once a sync brings them.'
                      : 'Still held back: this version cannot read the copy kept either; the sync started now brings it if it was mended in Zoho.'}
                  </span>
                )}
              </span>
              <span className="crm-refused-actions">
                <button
                  onClick={() => void retry(r)}
                  disabled={busy}
                  aria-label={`Retry ${r.module} ${r.name ?? r.recordId}`}
                >
                  Retry
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {count > records.length && (
        <p className="subtle">
          And {count - records.length} more, older: the newest {records.length} are listed.
        </p>
      )}
    </section>
  );
}
