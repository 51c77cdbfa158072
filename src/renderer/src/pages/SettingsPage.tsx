import { useEffect, useRef, useState } from 'react';
import type { Settings } from '@shared/contract';
import { BacktestPanel } from '../components/BacktestPanel';
import { CrmAccountPanel } from '../components/crm/CrmAccountPanel';
import { BEST_TIME, CRM_ACCOUNT, WORKING_HOURS, useRoute } from '../stores/routeStore';
import { useSession } from '../stores/sessionStore';
import { AlertsSettings } from './settings/AlertsSettings';
import { WorkingHoursSettings } from './settings/WorkingHoursSettings';

const SWITCHES: { key: 'callSuggestions' | 'emailSuggestions' | 'reminders'; label: string }[] = [
  { key: 'callSuggestions', label: 'Calls' },
  { key: 'emailSuggestions', label: 'Emails' },
  { key: 'reminders', label: 'Reminders' },
];

export function SettingsPage(): React.JSX.Element {
  const settings = useSession((s) => s.settings);
  const update = useSession((s) => s.updateSettings);
  // Reminders speak for the signed-in user's own plan: a manager or admin who owns no one has none.
  const ownsPeople = useSession((s) => s.session?.currentUser?.ownsPeople ?? true);
  const openedAtCrm = useRoute((s) => s.route.id === CRM_ACCOUNT);
  const openedAtBestTime = useRoute((s) => s.route.id === BEST_TIME);
  const openedAtHours = useRoute((s) => s.route.id === WORKING_HOURS);
  const bestTime = useRef<HTMLHeadingElement>(null);
  const workingHours = useRef<HTMLHeadingElement>(null);
  // What became of the last change of window length: it is saved at once, and the core answers
  // once everyone's best times are relearned in the new slots.
  const [slotNote, setSlotNote] = useState<string | null>(null);
  const slotChanges = useRef(0);
  const changeSlot = async (slotMinutes: Settings['slotMinutes']): Promise<void> => {
    const change = ++slotChanges.current;
    setSlotNote('Saved — relearning everyone’s best times…');
    const ok = await update({ slotMinutes });
    // A later change speaks for itself; a refusal is said where the app says an action failed.
    if (change !== slotChanges.current) return;
    setSlotNote(
      ok ? `Done: everyone’s best times are relearned in ${slotMinutes}-minute slots.` : null,
    );
  };
  // The CRM account comes first and is tall: a link to the switches must land on them.
  useEffect(() => {
    if (openedAtBestTime && settings) bestTime.current?.focus();
  }, [openedAtBestTime, settings]);
  useEffect(() => {
    if (openedAtHours && settings) workingHours.current?.focus();
  }, [openedAtHours, settings]);
  if (!settings) return <p className="loading">Loading…</p>;
  return (
    <section className="page">
      <header className="page-head">
        <h1>Settings</h1>
      </header>
      {/* First: where a new user leaves the demo for their own data, and where a sync is watched. */}
      <CrmAccountPanel opened={openedAtCrm} />
      <article className="card" aria-label="Best time">
        <h2 ref={bestTime} tabIndex={-1}>
          Best time › Communication
        </h2>
        <p className="subtle">
          Turn suggestions off for a channel everywhere in the app.{' '}
          {ownsPeople
            ? 'Reminders: a notice five minutes before windows in your plan open, from the system when the app is in the background.'
            : 'Reminders: a notice five minutes before windows in a rep’s plan open, to that rep. You own no leads or contacts, so you have no plan of your own and get none.'}
        </p>
        {SWITCHES.map((s) => (
          <label key={s.key} className="switch-row">
            <input
              type="checkbox"
              role="switch"
              checked={settings[s.key]}
              onChange={(e) => void update({ [s.key]: e.target.checked })}
            />
            {s.label}
          </label>
        ))}
        <label className="switch-row">
          Window length
          <select
            aria-describedby="window-length-what"
            value={settings.slotMinutes}
            onChange={(e) => void changeSlot(Number(e.target.value) as Settings['slotMinutes'])}
          >
            <option value={30}>30 minutes</option>
            <option value={60}>60 minutes</option>
            <option value={120}>120 minutes</option>
          </select>
        </label>
        {/* Outside the label: the select's name stays "Window length", this is its description. */}
        <p className="subtle" id="window-length-what">
          The slot best times are learned in: every suggested window (planner, person page, Team
          page, alerts) is one or more whole slots, at most two hours (30 to 90 minutes with 30, one
          or two hours with 60, two hours with 120), and a change relearns everyone&apos;s best
          times.
        </p>
        <p className="subtle" role="status" aria-label="Window length change">
          {slotNote}
        </p>
      </article>
      <WorkingHoursSettings ref={workingHours} />
      <AlertsSettings />
      <BacktestPanel />
    </section>
  );
}
