import { useEffect, useRef, useState } from 'react';
import { onEvent } from './api/client';
import { useRoute, hrefFor, CRM_ACCOUNT, type Page } from './stores/routeStore';
import { useSession } from './stores/sessionStore';
import { PlannerPage } from './pages/PlannerPage';
import { PeoplePage } from './pages/PeoplePage';
import { PersonPage } from './pages/PersonPage';
import { SettingsPage } from './pages/SettingsPage';
import { TeamPage } from './pages/TeamPage';
import { followCrmAccount, useCrm } from './stores/crmStore';
import { useNow } from './hooks/useNow';
import { syncStatusText } from './components/crm/syncStatusText';
import { isTrouble, syncNews } from './components/crm/syncNews';
import type { CrmAccount } from '@shared/contract';
import { ReminderToast } from './components/ReminderToast';
// Hot-visitor alerts (issue #13): the Visits page, the toasts and the nav's unread count.
import { VisitsPage } from './pages/VisitsPage';
import { AlertToasts } from './components/alerts/AlertToasts';
import { UnreadBadge } from './components/alerts/UnreadBadge';
import { followAlerts } from './stores/alertsStore';
import { ActionError } from './components/ActionError';
import { OpeningScreen } from './components/OpeningScreen';
import { signInGroups } from './format/signInGroups';

function SyncLine(): React.JSX.Element | null {
  const account = useCrm((s) => s.account);
  const now = useNow(30_000);
  const news = useSyncNews(account);
  if (!account) return null;
  return (
    <>
      {/* Not live: its age changes every minute (and would be read out every minute); what must
          be heard of the sync is said once, below. */}
      <p className="sync-line" role="status" aria-live="off" aria-label="Data freshness">
        {syncStatusText(account, now)}
      </p>
      <p className="visually-hidden" role="status" aria-label="Sync news">
        {news}
      </p>
    </>
  );
}

/** The last thing to be said of the sync (`syncNews`), kept until something else is. */
function useSyncNews(account: CrmAccount | null): string {
  const [news, setNews] = useState('');
  const was = useRef<CrmAccount | null>(null);
  const newData = useRef(false);
  const troubled = useRef(false);
  // Records that changed during a run are news when it finishes; the minute's visits are not.
  useEffect(
    () =>
      onEvent('data-changed', ({ entities }) => {
        if (entities.some((e) => e === 'people' || e === 'activities' || e === 'all'))
          newData.current = true;
      }),
    [],
  );
  useEffect(() => {
    if (!account || account === was.current) return;
    // What changed before this run began (a call logged here) is not the run's news.
    if (account.sync.state === 'syncing' && was.current?.sync.state !== 'syncing')
      newData.current = false;
    const said = syncNews(was.current, account, {
      newData: newData.current,
      troubled: troubled.current,
    });
    was.current = account;
    if (said === null) return;
    troubled.current = isTrouble(said);
    setNews(said);
  }, [account]);
  return news;
}

const NAV: { page: Page; label: string }[] = [
  { page: 'planner', label: 'Planner' },
  { page: 'people', label: 'People' },
  { page: 'visits', label: 'Visits' },
  { page: 'team', label: 'Team' },
  { page: 'settings', label: 'Settings' },
];

export function App(): React.JSX.Element {
  const { session, error, load, chooseUser } = useSession();
  const route = useRoute((s) => s.route);

  useEffect(() => {
    void load();
    return onEvent('data-changed', () => void load());
  }, [load]);
  useEffect(() => followCrmAccount(), []);
  // A click on a desktop notification or a tray item opens its page here.
  useEffect(
    () =>
      onEvent('open-page', ({ page, id, focus }) =>
        useRoute.getState().go({ page, ...(id ? { id } : {}), ...(id && focus ? { focus } : {}) }),
      ),
    [],
  );
  useEffect(() => followAlerts(), []);

  if (error) {
    return (
      <div className="fatal" role="alert">
        <h1>Contact Window cannot reach its data</h1>
        <p>{error}</p>
        <button onClick={() => void load()}>Try again</button>
      </div>
    );
  }
  if (!session) return <OpeningScreen />;

  const active = route.page === 'person' ? 'people' : route.page;
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ◷
          </span>{' '}
          Contact Window
        </div>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <a
              key={item.page}
              href={hrefFor({ page: item.page })}
              className={item.page === active ? 'nav-item active' : 'nav-item'}
              aria-current={item.page === active ? 'page' : undefined}
            >
              {item.label}
              {item.page === 'visits' && <UnreadBadge />}
            </a>
          ))}
        </nav>
        <ReminderToast />
        <div className="sidebar-foot">
          <SyncLine />
          {session.mayChooseUser ? (
            <>
              <label className="field-label" htmlFor="user-select">
                Signed in as
              </label>
              {/*
                A closed list shows its choice on one line, cut at the sidebar's edge: the choice is
                shown in words that wrap, and the list, laid over them unseen, takes the clicks and
                the keys.
              */}
              <div className="user-picker">
                <span className="user-picker-face" aria-hidden>
                  {session.currentUser
                    ? `${session.currentUser.name} (${session.currentUser.title})`
                    : 'Choose a user'}
                </span>
                <select
                  id="user-select"
                  value={session.currentUser?.id ?? ''}
                  onChange={(e) => void chooseUser(e.target.value)}
                >
                  {signInGroups(session.users, session.currentUser?.id ?? null).map((g) => (
                    <optgroup key={`${g.label} ${g.users[0]?.id ?? ''}`} label={g.label}>
                      {g.users.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name} ({u.title})
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </div>
            </>
          ) : (
            // The CRM account that signed in; only an administrator may switch.
            <p className="signed-in" aria-label="Signed in as">
              <span className="field-label">Signed in as</span>
              {session.currentUser
                ? `${session.currentUser.name} (${session.currentUser.title})`
                : 'nobody yet'}
            </p>
          )}
        </div>
      </aside>
      <main className="content">
        {session.org.isDemo && (
          <div className="demo-banner" role="note">
            <strong>Sample data.</strong> You are looking at {session.org.name}, a generated demo
            organisation.{' '}
            <a href={hrefFor({ page: 'settings', id: CRM_ACCOUNT })}>Connect your CRM</a> (Settings
            › CRM account) to see your own.
          </div>
        )}
        <ActionError />
        {route.page === 'planner' && <PlannerPage />}
        {route.page === 'people' && <PeoplePage />}
        {route.page === 'person' && route.id && <PersonPage id={route.id} />}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'visits' && <VisitsPage />}
        {route.page === 'team' && <TeamPage />}
      </main>
      <AlertToasts />
    </div>
  );
}
