import type { ReactNode } from 'react';
import type { RefusedCall, RefusedLead, RefusedTaskChange } from '@shared/contract';
import { taskTitle } from '@shared/taskName';
import { formatDateTime } from '../../format/time';
import { useCrm } from '../../stores/crmStore';
import { useSession } from '../../stores/sessionStore';

/**
 * Changes made here that Zoho refused outright, of one kind: no sync sends them again by
 * itself, so each says why, and is sent again once that is mended (Retry), or discarded.
 */
function RefusedEntries<E extends { id: number; reason: string }>({
  label,
  entries,
  intro,
  describe,
  retry = true,
}: {
  label: string;
  entries: readonly E[];
  /** The words above the list, for `count` entries. */
  intro: (count: number) => ReactNode;
  /** What the entry was, in the user's zone; Zoho's reason follows it. */
  describe: (entry: E, zone: string) => ReactNode;
  /** False where sending again cannot help: only Discard is offered. */
  retry?: boolean;
}): React.JSX.Element | null {
  const { retryRefused, discardRefused, busy } = useCrm();
  const zone = useSession((s) => s.session?.currentUser?.timeZone ?? s.session?.org.timeZone);
  if (entries.length === 0) return null;
  return (
    <section className="crm-refused" aria-label={label}>
      <p>{intro(entries.length)}</p>
      <ul>
        {entries.map((e) => (
          <li key={e.id}>
            <span>
              {describe(e, zone ?? 'UTC')}: {e.reason}
            </span>
            <span className="crm-refused-actions">
              {retry && (
                <button onClick={() => void retryRefused(e.id)} disabled={busy}>
                  Retry
                </button>
              )}
              <button onClick={() => void discardRefused(e.id)} disabled={busy}>
                Discard
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Calls Zoho refused outright (a field an administrator made mandatory, a person deleted there):
 * the rep sends one again once that is mended, or discards it (it stays in the app's history
 * either way).
 */
export function RefusedCalls({
  calls: all,
}: {
  calls: readonly RefusedCall[];
}): React.JSX.Element | null {
  const passed = all.filter((c) => c.passed);
  const calls = all.filter((c) => !c.passed);
  const describe = (c: RefusedCall, zone: string): ReactNode => (
    <>
      {c.booked ? 'Call booked with' : 'Call with'}{' '}
      {c.personName ?? 'someone no longer in this copy'}
      {c.startedAt !== null && <> ({formatDateTime(c.startedAt, zone)})</>}
    </>
  );
  return (
    <>
      <RefusedEntries
        label="Bookings not sent"
        entries={passed}
        retry={false}
        intro={(count) => {
          const one = count === 1;
          // Never sent in time, or refused by Zoho before their time passed: either way the app
          // sends no booking late (outboxPush), so Retry could only fail.
          return (
            <>
              {one ? 'A call booked here' : `${count} calls booked here`} can never be sent to Zoho:{' '}
              {one ? 'its time' : 'their times'} passed. Book again at a time to come, and discard{' '}
              {one ? 'this one' : 'these'}: {one ? 'it stays' : 'they stay'} in this app&apos;s
              history, cancelled.
            </>
          );
        }}
        describe={describe}
      />
      <RefusedEntries
        label="Calls Zoho refused"
        entries={calls}
        intro={(count) => {
          const one = count === 1;
          // Logged calls, and calls booked to come (Book on a planner row).
          const what = calls.every((c) => c.booked)
            ? 'booked'
            : calls.some((c) => c.booked)
              ? 'logged or booked'
              : 'logged';
          return (
            <>
              Zoho refused {one ? `a ${what} call` : `${count} ${what} calls`}: no sync sends{' '}
              {one ? 'it' : 'them'} again by itself. Once what Zoho said is mended there (an
              administrator may have to), send {one ? 'it' : 'one'} again; or discard{' '}
              {one ? 'it' : 'one'}: it stays in this app&apos;s history, unsent.
            </>
          );
        }}
        describe={describe}
      />
    </>
  );
}

/**
 * Tasks done or moved here whose change Zoho refused (the task deleted there, a field the
 * organisation lacks): the task stays here as the rep left it, and the change is sent again once
 * that is mended, or let go (Zoho's copy then stands at its next change).
 */
export function RefusedTasks({
  tasks,
}: {
  tasks: readonly RefusedTaskChange[];
}): React.JSX.Element | null {
  return (
    <RefusedEntries
      label="Task changes Zoho refused"
      entries={tasks}
      intro={(count) => {
        const one = count === 1;
        return (
          <>
            Zoho refused {one ? 'a task change' : `${count} task changes`} made here: the{' '}
            {one ? 'task stays' : 'tasks stay'} as you left {one ? 'it' : 'them'} in this app, and
            no sync sends {one ? 'it' : 'them'} again by itself. Once what Zoho said is mended, send{' '}
            {one ? 'it' : 'one'} again; or discard {one ? 'it' : 'one'}.
          </>
        );
      }}
      describe={(t, zone) => (
        <>
          {taskTitle(t.subject)}
          {t.personName && <> with {t.personName}</>}
          {t.action === 'done'
            ? ' marked done'
            : t.dueAt !== null
              ? ` moved to ${formatDateTime(t.dueAt, zone)}`
              : ' moved'}
        </>
      )}
    />
  );
}

/**
 * Leads created here from a visit that Zoho refused (a field an administrator made mandatory, an
 * e-mail another lead holds): the person stays in this app, not in Zoho, until the rep sends the
 * lead again once that is mended, or keeps it here only.
 */
export function RefusedLeads({
  leads,
}: {
  leads: readonly RefusedLead[];
}): React.JSX.Element | null {
  return (
    <RefusedEntries
      label="Leads Zoho refused"
      entries={leads}
      intro={(count) => {
        const one = count === 1;
        return (
          <>
            Zoho refused {one ? 'a lead' : `${count} leads`} created here:{' '}
            {one ? 'it stays' : 'they stay'} in this app, not in Zoho, and no sync sends{' '}
            {one ? 'it' : 'them'} again by itself. Once what Zoho said is mended, send{' '}
            {one ? 'it' : 'one'} again (Retry); or discard {one ? 'it' : 'one'}: the person stays on
            this computer only, with the visits, unless a sync finds the lead Zoho made after all
            (an answer lost on the way), which it then joins.
          </>
        );
      }}
      describe={(l) => <>Lead {l.personName ?? 'no longer in this copy'}</>}
    />
  );
}
