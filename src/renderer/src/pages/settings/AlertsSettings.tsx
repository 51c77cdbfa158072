import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  whyRuleNeverHolds,
  type AlertPreview,
  type AlertRule,
  type AlertSettings,
} from '@shared/alertsContract';
import { call, onEvent } from '../../api/client';
import { formatClock, formatDay, zoneLabel } from '../../format/time';
import { useNow } from '../../hooks/useNow';
import { useAlerts, usePauseShown } from '../../stores/alertsStore';
import { useOrganisationWide, useSession } from '../../stores/sessionStore';
import { reportsBelow } from '@shared/reportingLine';
import { RuleEditor, type RuleError } from '../../components/alerts/RuleEditor';
import {
  draftOf,
  minScoreProblem,
  newRuleDraft,
  settingsPatch,
  type AlertsDraft,
  type RuleDraft,
} from '../../components/alerts/ruleDrafts';
import { refusedField } from '../../components/visits/fieldErrors';
import '../../components/alerts/alerts.css';

/** The preview replays a week of visits: ask once the typing pauses. */
const PREVIEW_DELAY_MS = 400;

/** Where the core's refusal belongs: a rule's field, the cooldown, the hours, or the list. */
interface Refusal {
  rule: { index: number; error: RuleError } | null;
  cooldown: string | null;
  hours: string | null;
  other: string | null;
}

/**
 * The core's reading of hours names the spec and an example for the command line and rules
 * files; beside the field, the spec is what was just typed: what is wrong, then how to write it.
 */
function hoursRefusalText(error: string): string {
  const parts = /^business hours "[^]*?": ([^]*) \(expected e\.g\. "([^"]*)"\)$/.exec(error);
  if (!parts) return error;
  const [, problem = '', example = ''] = parts;
  return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}. Write your hours like ${example}.`;
}

function placeRefusal(error: string | null, ownHours: boolean): Refusal {
  const none: Refusal = { rule: null, cooldown: null, hours: null, other: null };
  if (!error) return none;
  const refused = refusedField(error);
  const [first, index, field] = refused?.path ?? [];
  if (refused && first === 'rules' && index !== undefined && /^\d+$/.test(index))
    return {
      ...none,
      rule: { index: Number(index), error: { field: field ?? '', message: refused.message } },
    };
  if (refused && first === 'cooldownMinutes') return { ...none, cooldown: refused.message };
  if (refused && first === 'workingHours') return { ...none, hours: refused.message };
  // The hours are read by the core beyond the schema: a spec it cannot read names itself.
  if (ownHours && !refused) return { ...none, hours: hoursRefusalText(error) };
  return { ...none, other: refused ? refused.message : error };
}

const NEVER_HOLDS = 'This rule would raise nothing: ';

/**
 * What is wrong with a rule that the core would take, said on the rule as it is edited (the core
 * refuses a rule that can never raise an alert only at Save, in a message under the button, and
 * takes a lowest score no visitor can have): the field, and why.
 */
function markOnRule(rule: AlertRule, ownsNoOne: boolean): RuleError | null {
  const score = minScoreProblem(rule.minScore);
  if (score) return { field: 'minScore', message: score };
  const why = whyRuleNeverHolds(rule);
  if (why)
    return {
      field: rule.owner !== 'anyone' ? 'owner' : 'minScore',
      message: `${NEVER_HOLDS}${why}.`,
    };
  // An admin who owns no one: "my people" are nobody (a rep or a manager with none yet keeps the
  // rule for the people they will be given).
  if (ownsNoOne && rule.owner === 'me')
    return {
      field: 'owner',
      message: `${NEVER_HOLDS}you own no leads or contacts, so none is yours (choose Anyone’s).`,
    };
  return null;
}

function PreviewLine({
  preview,
  pending,
}: {
  preview: AlertPreview | null;
  pending: boolean;
}): React.JSX.Element {
  return (
    <div className="rule-preview" role="status" aria-label="Rule preview" aria-busy={pending}>
      {preview ? (
        <>
          <p>
            These rules would have raised{' '}
            <strong className="preview-count">{preview.alerts.toLocaleString()}</strong>{' '}
            {preview.alerts === 1 ? 'alert' : 'alerts'} last week
            {preview.alerts > 0
              ? ` from ${preview.visitors.toLocaleString()} ${preview.visitors === 1 ? 'visitor' : 'visitors'}`
              : ''}
            .
          </p>
          <p className="subtle">
            {preview.alertsHeld > 0
              ? `${preview.alertsHeld.toLocaleString()} of them outside your working hours, delivered in a digest. `
              : ''}
            Replayed over {preview.pageViews.toLocaleString()} page views in{' '}
            {preview.sessions.toLocaleString()} sessions; {preview.suppressed.cooldown} held back by
            the cooldown, {preview.botSessions} bot sessions ignored.
          </p>
        </>
      ) : (
        <p className="subtle">
          {pending ? 'Counting…' : 'Fix the marked field to see the preview.'}
        </p>
      )}
    </div>
  );
}

/**
 * Settings › Alerts (VT-6, VT-8, VT-10): the rep's rules in order, the cooldown, their own working
 * hours or the organisation's, pause and resume, the admin switch for everyone (only for whoever
 * may flip it), and a live preview of what the rules being edited would have raised last week.
 * Edits are kept here until saved; the preview replays them unsaved.
 */
export function AlertsSettings(): React.JSX.Element {
  const userId = useSession((s) => s.session?.currentUser?.id);
  // Someone reports to the user: a rule may be about their team's people.
  const teamOffered = useSession((s) =>
    Boolean(userId && s.session && reportsBelow(s.session.users, userId).length > 0),
  );
  const choosing = useSession((s) => s.choosing);
  const switched = useSession((s) => s.switched);
  /** Whose settings are asked for: the user, and the switch of user they were signed in by. */
  const whose = `${switched}:${userId ?? ''}`;
  const whoseNow = useRef(whose);
  whoseNow.current = whose;
  const pauseShown = usePauseShown();
  const organisationWide = useOrganisationWide();
  const [saved, setSaved] = useState<AlertSettings | null>(null);
  /**
   * Whose settings `saved` are (`whose` when asked): after a switch of user, the one before's until
   * the new are in. An answer asked for before a switch ended, even one that ended with the same
   * user, may be the other user's (the core answers for whoever it has signed in).
   */
  const [savedFor, setSavedFor] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState<AlertsDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [preview, setPreview] = useState<AlertPreview | null>(null);
  const [pending, setPending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  /** Save was pressed while a field was marked: said at the button until the next edit. */
  const [saveTried, setSaveTried] = useState(false);
  const [reloads, setReloads] = useState(0);
  const pausedUntil = useAlerts((s) => s.pausedUntil);
  // Woken as the day off named ends: a page left open across it names the next one then.
  const daysOffAhead = saved?.daysOffAhead;
  const dayOffEnds = useCallback(
    (at: number) => daysOffAhead?.find((d) => d.to > at)?.to ?? null,
    [daysOffAhead],
  );
  const now = useNow(30_000, dayOffEnds);

  const adopt = (settings: AlertSettings): void => {
    setSaved(settings);
    setDraft(draftOf(settings));
    setSaveError(null);
  };

  // Another data set shown: its own users and rules.
  useEffect(
    () =>
      onEvent('data-changed', ({ entities }) => {
        if (entities.includes('all')) setReloads((n) => n + 1);
      }),
    [],
  );
  useEffect(() => {
    let live = true;
    call('getAlertSettings', {}).then(
      (s) => {
        if (!live) return;
        setSaved(s);
        setSavedFor(whose);
        setDraft(draftOf(s));
        setSaveError(null);
        setLoadError(null);
      },
      (e: Error) => live && setLoadError(e.message),
    );
    return () => {
      live = false;
    };
  }, [whose, reloads]);

  const patch = useMemo(() => (draft ? settingsPatch(draft) : null), [draft]);
  useEffect(() => {
    if (!patch) return;
    let live = true;
    setPending(true);
    const timer = setTimeout(() => {
      call('previewAlertRules', patch).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setPreviewError(null);
          setPending(false);
        },
        (e: Error) => {
          if (!live) return;
          setPreview(null);
          setPreviewError(e.message);
          setPending(false);
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [patch]);

  if (loadError)
    return (
      <article className="card" aria-label="Alerts">
        <h2>Alerts</h2>
        <p className="error" role="alert">
          {loadError}
        </p>
      </article>
    );
  // Another user's settings (the one before, while the switch or the new reading is under way)
  // are not shown: Pause, Save and the switch act for whoever the core has signed in.
  if (!saved || !draft || !patch || choosing !== null || savedFor !== whose)
    return (
      <article className="card" aria-label="Alerts">
        <h2>Alerts</h2>
        <p className="loading">Loading…</p>
      </article>
    );

  const dirty = JSON.stringify(patch) !== JSON.stringify(settingsPatch(draftOf(saved)));
  // What Save was refused for wins over what the preview was: it is the newer word.
  const refusal = placeRefusal(saveError ?? previewError, draft.hours === 'own');
  const markedAt = patch.rules.map((r) => markOnRule(r, organisationWide));
  const ruleMarked = markedAt.some((e) => e !== null);
  const ruleNeverHolds = markedAt.some((e) => e?.message.startsWith(NEVER_HOLDS) === true);
  // A field the core refused stays marked until the preview of the edit that fixes it answers:
  // Save waits for a marked field, not for a preview still counting (the core then says).
  const fieldRefused = refusal.rule ?? refusal.cooldown ?? refusal.hours;
  const marked = ruleMarked || (fieldRefused !== null && (saveError !== null || !pending));
  const notSaved =
    marked && (saveTried || saveError !== null)
      ? `Not saved: fix the marked ${ruleMarked || refusal.rule ? 'rule' : 'field'}.`
      : null;
  const edit = (next: Partial<AlertsDraft>): void => {
    setDraft({ ...draft, ...next });
    setSaveError(null);
    setNote(null);
    setSaveTried(false);
  };
  const setRules = (rules: RuleDraft[]): void => edit({ rules });
  const move = (i: number, by: -1 | 1): void => {
    const rules = [...draft.rules];
    const [rule] = rules.splice(i, 1);
    if (rule) rules.splice(i + by, 0, rule);
    setRules(rules);
  };
  /** `keepDraft`: the action stores nothing the draft edits (the admin switch), so the rep's
   * unsaved edits stay; only what is saved comes from the core's answer. */
  const run = async (
    work: () => Promise<AlertSettings>,
    done: string,
    keepDraft = false,
  ): Promise<void> => {
    setBusy(true);
    const asked = whose;
    try {
      const answer = await work();
      // Answered after another user was chosen: what it says is the one before's.
      if (whoseNow.current !== asked) return;
      if (keepDraft) setSaved(answer);
      else adopt(answer);
      setNote(done);
    } catch (e) {
      if (whoseNow.current !== asked) return;
      setSaveError((e as Error).message);
      setNote(null);
    } finally {
      setBusy(false);
    }
  };
  const paused = pausedUntil !== null && pausedUntil > now;
  // By the page's clock, not when the settings were read: the holiday named is not over.
  const nextDayOff = saved.daysOffAhead.find((d) => d.to > now);
  const { effectiveHours, otherHours } = saved;
  // Not their own: the hours of the shift they work, else the organisation's (named also while
  // the rep's own are in force: it is what the other choice would give).
  const orgHours = `${otherHours.spec}, ${zoneLabel(otherHours.zone, now)}`;
  const orgLabel = effectiveHours.shift
    ? `The hours of your shift (${effectiveHours.shift})`
    : 'The organisation’s hours';

  return (
    <article className="card alerts-settings" aria-label="Alerts">
      <h2>Alerts</h2>
      <p className="subtle">
        {organisationWide
          ? 'A notice when someone your rules pick is on the website. You own no leads or contacts, so your rules are about anyone’s people. '
          : 'A notice when one of your people is on the website. '}
        Rules are tried in order; the first that holds raises the alert, at most one per visit and
        per person per cooldown.
      </p>

      {saved.canChangeEnabled ? (
        <label className="switch-row">
          <input
            type="checkbox"
            role="switch"
            aria-labelledby="alerts-everyone-name"
            aria-describedby="alerts-everyone-what"
            checked={saved.enabledForEveryone}
            disabled={busy}
            onChange={(e) =>
              void run(
                () => call('setVisitAlertsEnabled', { enabled: e.target.checked }),
                e.target.checked
                  ? 'Visit alerts are on for everyone.'
                  : 'Visit alerts are off for everyone.',
                true,
              )
            }
          />
          <span id="alerts-everyone-name">Visit alerts for everyone</span>
          {/* Described, not part of its name: a screen reader says the switch's name first. */}
          <span className="subtle" id="alerts-everyone-what">
            An admin&apos;s switch. Off: nobody in the organisation is alerted (each rep&apos;s app
            once it next syncs with the CRM), and alerts held for later are dropped.
          </span>
        </label>
      ) : (
        !saved.enabledForEveryone && (
          <p className="notice" role="note">
            An admin turned visit alerts off for everyone. Your rules are kept for when they are
            back on, and the preview still shows what they would do.
          </p>
        )
      )}

      {/* Off for everyone, no alert comes: there is nothing to pause. */}
      {saved.enabledForEveryone && pauseShown && (
        <div className="switch-row">
          {paused ? (
            <>
              {/* In the rep's own zone, as Recent alerts and the tray say it: the hours' zone
                  (a shift's, the organisation's) may be another. */}
              <span>Alerts paused until {formatClock(pausedUntil, saved.repTz)}.</span>
              <button type="button" onClick={() => void useAlerts.getState().resume()}>
                Resume alerts
              </button>
            </>
          ) : (
            <button type="button" onClick={() => void useAlerts.getState().pause(60)}>
              Pause alerts for 1 hour
            </button>
          )}
        </div>
      )}

      <h3 className="settings-sub">Rules</h3>
      {saved.unreadableRules.length > 0 && (
        <div className="notice" role="note" aria-label="Rules this version cannot read">
          <p>
            {saved.unreadableRules.length === 1 ? 'A rule' : 'Some rules'} stored for you cannot be
            read by this version of Contact Window (perhaps a newer version wrote{' '}
            {saved.unreadableRules.length === 1 ? 'it' : 'them'}): until then{' '}
            {saved.unreadableRules.length === 1 ? 'it raises' : 'they raise'} no alerts. Saving your
            rules here keeps {saved.unreadableRules.length === 1 ? 'it' : 'them'} as stored; Reset
            rules to the defaults removes {saved.unreadableRules.length === 1 ? 'it' : 'them'}.
          </p>
          <ul>
            {saved.unreadableRules.map((r) => (
              <li key={r.name}>
                “{r.name}”: {r.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      {draft.rules.length === 0 && (
        <p className="subtle">No rules: no visit will raise an alert for you.</p>
      )}
      <ol className="rule-list" aria-label="Alert rules">
        {draft.rules.map((rule, i) => (
          <RuleEditor
            key={rule.key}
            rule={rule}
            index={i}
            count={draft.rules.length}
            error={refusal.rule?.index === i ? refusal.rule.error : (markedAt[i] ?? null)}
            onChange={(next) => setRules(draft.rules.map((r, j) => (j === i ? next : r)))}
            onMove={(by) => move(i, by)}
            onDelete={() => setRules(draft.rules.filter((_, j) => j !== i))}
            ownsNoOne={organisationWide}
            teamOffered={teamOffered}
          />
        ))}
      </ol>
      <div className="rule-buttons">
        <button
          type="button"
          onClick={() => setRules([...draft.rules, newRuleDraft(draft.rules.map((r) => r.name))])}
        >
          Add a rule
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(
              () => call('updateAlertSettings', { resetRules: true }),
              'Rules are back to the defaults.',
            )
          }
        >
          Reset rules to the defaults
        </button>
        {saved.defaultRules && !dirty && <span className="subtle">These are the defaults.</span>}
      </div>

      <h3 className="settings-sub">Restraint</h3>
      <label className="switch-row">
        Cooldown per person
        <input
          type="number"
          min={0}
          max={1440}
          className="cooldown-input"
          value={draft.cooldown}
          aria-invalid={refusal.cooldown ? true : undefined}
          onChange={(e) => edit({ cooldown: e.target.value })}
        />
        minutes
      </label>
      {refusal.cooldown && (
        <p className="error" role="alert">
          {/* One rule for the field, said as the field's hint would: the core's word may be
              its schema's ("Too big: expected number to be <=1440"). */}
          Cooldown: whole minutes from 0 to 1440.
        </p>
      )}
      <fieldset className="hours-choice">
        <legend>Alert me during</legend>
        <label className="switch-row">
          <input
            type="radio"
            name="alert-hours"
            checked={draft.hours === 'organisation'}
            onChange={() => edit({ hours: 'organisation' })}
          />
          {`${orgLabel}: ${orgHours}`}
        </label>
        <label className="switch-row">
          <input
            type="radio"
            name="alert-hours"
            checked={draft.hours === 'own'}
            onChange={() =>
              edit({
                hours: 'own',
                // The hours in force as a start, when they are in the rep's zone: own hours are
                // read there, and a New York shift's 08:30 is not a London rep's.
                ownHours:
                  draft.ownHours ||
                  (saved.effectiveHours.zone === saved.repTz ? saved.effectiveHours.spec : ''),
              })
            }
          />
          My own hours
          <input
            className="hours-input"
            aria-label="My own hours"
            placeholder="Mon-Fri 08:00-18:00"
            value={draft.ownHours}
            disabled={draft.hours !== 'own'}
            aria-invalid={refusal.hours ? true : undefined}
            onChange={(e) => edit({ ownHours: e.target.value })}
          />
          <span className="subtle">in your zone</span>
        </label>
        <p className="subtle">
          Outside these hours, and on the holidays the CRM gives you, alerts are held and come as
          one digest when the next working period starts.
          {nextDayOff && ` Next holiday: ${nextDayOff.name}, ${formatDay(nextDayOff.date, 'UTC')}.`}
        </p>
        {refusal.hours && (
          <p className="error" role="alert">
            {refusal.hours}
          </p>
        )}
      </fieldset>

      <PreviewLine preview={preview} pending={pending} />
      {refusal.other && (
        <p className="error" role="alert">
          {refusal.other}
        </p>
      )}

      <div className="dialog-actions alerts-save">
        {note && (
          <span className="subtle" role="status">
            {note}
          </span>
        )}
        {notSaved && (
          <span className="error" role="alert" id="alerts-not-saved">
            {notSaved}
          </span>
        )}
        {/* Neither is `disabled`: a button disabled under the keyboard's focus (once its
            changes are discarded or saved, while it saves, once a field is marked) drops the
            focus to the page. */}
        <button
          type="button"
          aria-disabled={!dirty || busy}
          onClick={() => {
            if (!dirty || busy) return;
            setDraft(draftOf(saved));
            setSaveError(null);
            setSaveTried(false);
            setNote('Changes discarded.');
          }}
        >
          Discard changes
        </button>
        <button
          type="button"
          className="primary"
          aria-disabled={!dirty || busy || marked}
          aria-describedby={notSaved ? 'alerts-not-saved' : undefined}
          title={ruleNeverHolds ? 'A rule would raise nothing: see the marked rule.' : undefined}
          onClick={() => {
            if (!dirty || busy) return;
            if (marked) setSaveTried(true);
            else void run(() => call('updateAlertSettings', patch), 'Saved.');
          }}
        >
          Save alert settings
        </button>
      </div>
    </article>
  );
}
