import { useEffect, useRef, useState } from 'react';
import type { Reminder } from '@shared/contract';
import { call, changesMoreThanSettings, onEvent } from '../api/client';
import { hrefFor } from '../stores/routeStore';
import { useSession } from '../stores/sessionStore';
import { formatClock } from '../format/time';
import { useNow } from '../hooks/useNow';
import { coreNow } from '../clock/coreClock';

/** The day rolls over and windows are relearned without any event the app hears: ask again hourly. */
const REFRESH_MS = 60 * 60_000;

function reminderTitle(r: Reminder, zone: string, now: number): string {
  const minutes = Math.max(0, Math.round((r.start - now) / 60_000));
  return `${minutes === 0 ? 'Windows open now' : `Windows open in ${minutes} min`} (${formatClock(r.start, zone)})`;
}

function reminderBody(r: Reminder): string {
  const names = r.people.map(
    (p) => `${p.name} (${p.channel === 'call' ? 'call' : 'email'}, ${p.stars}★)`,
  );
  return `${names.join(', ')}${r.more > 0 ? ` and ${r.more} more` : ''}`;
}

/**
 * BT-8 Reminders: a few minutes before windows in today's plan open, a notice in the sidebar
 * (where it covers no row and no button) and, when the app is in the background, one from the
 * operating system. Each moment is reminded of once, however often the schedule is asked for
 * again; a moment already past when the timer finally runs (the computer slept) is dropped rather
 * than announced late, and a notice goes away by itself when its windows open: the planner shows
 * them as open from then on. Signing in as someone else rebuilds it from their plan.
 */
export function ReminderToast(): React.JSX.Element | null {
  const userId = useSession((s) => s.session?.currentUser?.id);
  // A read asked for before a switch of user ended is dropped and asked again.
  const switched = useSession((s) => s.switched);
  const zone = useSession((s) => s.session?.currentUser?.timeZone);
  // The settings the schedule is made from (it is the plan's: its channels), not the settings
  // object, which is new at every session reload: each would ask for a whole plan again.
  const reminders = useSession((s) => s.settings?.reminders);
  const callSuggestions = useSession((s) => s.settings?.callSuggestions);
  const emailSuggestions = useSession((s) => s.settings?.emailSuggestions);
  // The schedule of one user: another user's never fires (see the user change below).
  const [schedule, setSchedule] = useState<{ userId: string; list: Reminder[] } | null>(null);
  const [shown, setShown] = useState<Reminder | null>(null);
  const [asks, setAsks] = useState(0);
  const [fires, setFires] = useState(0);
  const reminded = useRef(new Set<number>());
  // "in 5 min" counts down while the notice stays up.
  const now = useNow(30_000, shown?.start ?? null);

  // Another user's day: their own reminders, none of the last user's, and theirs due now at once.
  useEffect(() => {
    reminded.current = new Set();
    setShown(null);
    setSchedule(null);
  }, [userId]);

  useEffect(() => {
    const again = (): void => setAsks((n) => n + 1);
    const timer = setInterval(again, REFRESH_MS);
    // A change of settings alone: the ones the schedule is made from are read above.
    const stop = onEvent('data-changed', (change) => {
      if (changesMoreThanSettings(change)) again();
    });
    return () => {
      clearInterval(timer);
      stop();
    };
  }, []);

  useEffect(() => {
    let live = true;
    if (!userId || !reminders) {
      setSchedule(null);
      setShown(null);
      return;
    }
    call('getReminders', {}).then(
      (list) => live && setSchedule({ userId, list }),
      // A reminder that cannot be fetched is not worth an error on every page: the planner has it.
      () => live && setSchedule(null),
    );
    return () => {
      live = false;
    };
  }, [userId, switched, reminders, callSuggestions, emailSuggestions, asks]);

  useEffect(() => {
    if (!schedule || schedule.userId !== userId) return;
    const next = schedule.list.find((r) => !reminded.current.has(r.start));
    if (!next) return;
    const timer = setTimeout(
      () => {
        reminded.current.add(next.start);
        if (coreNow() < next.start) {
          setShown(next);
          notifyOs(next, zone ?? 'UTC');
        }
        setFires((n) => n + 1);
      },
      Math.max(0, next.at - coreNow()),
    );
    return () => clearTimeout(timer);
  }, [schedule, fires, zone, userId]);

  // Its windows are open: the planner lists them as "in window now", the notice has done its job.
  useEffect(() => {
    if (shown && now >= shown.start) setShown(null);
  }, [shown, now]);

  if (!shown || now >= shown.start) return null;
  return (
    <div className="reminder-toast" role="status" aria-label="Reminder">
      <strong>{reminderTitle(shown, zone ?? 'UTC', now)}</strong>
      <ul>
        {shown.people.map((p) => (
          <li key={`${p.personId}|${p.channel}`}>
            <a href={hrefFor({ page: 'person', id: p.personId })} onClick={() => setShown(null)}>
              {p.name}
            </a>{' '}
            <span className="subtle">
              {p.channel === 'call' ? '☎' : '✉'} {p.stars}★ · until{' '}
              {formatClock(p.end, zone ?? 'UTC')}
            </span>
          </li>
        ))}
      </ul>
      {shown.more > 0 && <p className="subtle">and {shown.more} more</p>}
      <div className="reminder-actions">
        <a href={hrefFor({ page: 'planner' })} onClick={() => setShown(null)}>
          Open the planner
        </a>
        <button type="button" onClick={() => setShown(null)}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

/** The operating system's notification, only while the app is not in front: in front, the notice is enough. */
function notifyOs(r: Reminder, zone: string): void {
  if (typeof Notification === 'undefined' || document.hasFocus()) return;
  const show = (): void => {
    const n = new Notification(reminderTitle(r, zone, coreNow()), {
      body: reminderBody(r),
      tag: 'reminder',
    });
    n.onclick = () => {
      window.focus();
      window.location.hash = hrefFor({ page: 'planner' });
    };
  };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default')
    void Notification.requestPermission().then((p) => p === 'granted' && show());
}
