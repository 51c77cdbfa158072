import { Fragment, useEffect, useRef, useState } from 'react';
import type { CrmAccount } from '@shared/contract';
import {
  NO_UNSENT_WORK,
  unsentWorkTotal,
  unsentWorkWords,
  type AccountUnsentWork,
} from '@shared/unsentWork';
import {
  CRM_DATA_CENTRE_SITES,
  CRM_DATA_CENTRES,
  type CrmDataCentre,
} from '@shared/crmDataCentres';
import { hasDesktopShell } from '../../api/client';
import { useNow } from '../../hooks/useNow';
import { useCrm } from '../../stores/crmStore';
import { useSession } from '../../stores/sessionStore';
import { creditsText } from './creditsText';
import { moduleProgressRow } from './moduleProgressRow';
import { HeldBackRecords } from './HeldBackRecords';
import { OrganisationReport } from './OrganisationReport';
import { RefusedCalls, RefusedLeads, RefusedTasks } from './RefusedEntries';
import { fullSyncRunning, syncedAgo, syncStatusText } from './syncStatusText';
import { afterColon } from '../../format/afterColon';
import './crmAccount.css';

/** "Europe (zoho.eu)": where the organisation is, and the domain the rep signs in on. */
function dataCentreLabel(dc: CrmDataCentre): string {
  const site = CRM_DATA_CENTRE_SITES[dc];
  return `${site.region} (${site.domain})`;
}

/** Zoho's API console is per data centre: a Self Client made in another one signs in nowhere. */
function consoleOf(dc: CrmDataCentre): string {
  return `api-console.${CRM_DATA_CENTRE_SITES[dc].domain}`;
}

/** What the app asks Zoho for; `ZohoCRM.bulk.read` exports a large module's first sync at once. */
const SCOPES = [
  'ZohoCRM.modules.ALL',
  'ZohoCRM.modules.emails.READ',
  'ZohoCRM.bulk.read',
  'ZohoCRM.users.READ',
  'ZohoCRM.org.READ',
  'ZohoCRM.settings.READ',
  // An admin's switch for visit alerts is kept as an organisation variable (VT-6).
  'ZohoCRM.settings.variables.ALL',
  'ZohoSearch.securesearch.READ',
];

/** The scopes as Zoho's console takes them; a line breaks after a comma only. */
function ScopeList(): React.JSX.Element {
  return (
    <code>
      {SCOPES.map((scope, i) => (
        <Fragment key={scope}>
          {i > 0 && (
            <>
              ,<wbr />
            </>
          )}
          {scope}
        </Fragment>
      ))}
    </code>
  );
}

/**
 * Where the sign-in is kept: the desktop app writes it to the keychain; the web host (`serve`)
 * holds it in memory only, so the browser version must not promise a keychain.
 */
const KEPT_WHERE = hasDesktopShell
  ? "The secret and the tokens are kept in this computer's keychain, never in the app's data."
  : "The secret and the tokens are kept in the web host's memory until it stops, never in the app's data: you connect again after it restarts.";

/**
 * A Self Client's id and secret, as both sign-in forms ask for them: required to connect, left
 * empty to connect again with the ones kept (`keptIfEmpty`).
 */
function SelfClientFields({
  clientId,
  clientSecret,
  onClientId,
  onClientSecret,
  keptIfEmpty,
}: {
  clientId: string;
  clientSecret: string;
  onClientId: (value: string) => void;
  onClientSecret: (value: string) => void;
  keptIfEmpty: boolean;
}): React.JSX.Element {
  const kept = keptIfEmpty ? { placeholder: 'the one kept' } : { required: true };
  return (
    <>
      <label>
        Client ID
        <input
          value={clientId}
          onChange={(e) => onClientId(e.target.value)}
          {...kept}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label>
        Client secret
        <input
          type="password"
          value={clientSecret}
          onChange={(e) => onClientSecret(e.target.value)}
          {...kept}
          autoComplete="off"
        />
      </label>
    </>
  );
}

/** The one-time code Zoho's API console generates, which both sign-in forms spend. */
function GrantCodeField({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}): React.JSX.Element {
  return (
    <label>
      Grant code
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        required
      />
    </label>
  );
}

function ConnectForm({ unsentWork }: { unsentWork: AccountUnsentWork }): React.JSX.Element {
  const { connect, busy, error } = useCrm();
  const [discardUnsent, setDiscardUnsent] = useState(false);
  const [dataCentre, setDataCentre] = useState<CrmDataCentre>('EU');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [grantCode, setGrantCode] = useState('');
  return (
    <form
      className="crm-form"
      aria-label="Connect Zoho CRM"
      onSubmit={(e) => {
        e.preventDefault();
        void connect({ dataCentre, clientId, clientSecret, grantCode, discardUnsent }).then(
          (ok) => {
            // The code is spent either way: a refused one cannot be tried again.
            if (ok) setClientSecret('');
            setGrantCode('');
          },
        );
      }}
    >
      <p className="subtle">
        In Zoho's API console of your data centre ({consoleOf(dataCentre)}) add a{' '}
        <strong>Self Client</strong>, then generate a grant code with the scopes <ScopeList />.
        Paste it here within a few minutes. {KEPT_WHERE}
      </p>
      <label>
        Data centre
        <select value={dataCentre} onChange={(e) => setDataCentre(e.target.value as CrmDataCentre)}>
          {CRM_DATA_CENTRES.map((dc) => (
            <option key={dc} value={dc}>
              {dataCentreLabel(dc)}
            </option>
          ))}
        </select>
      </label>
      <SelfClientFields
        clientId={clientId}
        clientSecret={clientSecret}
        onClientId={setClientId}
        onClientSecret={setClientSecret}
        keptIfEmpty={false}
      />
      <GrantCodeField value={grantCode} onChange={setGrantCode} />
      {unsentWorkTotal(unsentWork) > 0 && (
        <label className="switch-row">
          <input
            type="checkbox"
            checked={discardUnsent}
            onChange={(e) => setDiscardUnsent(e.target.checked)}
          />
          Discard the {unsentWorkWords(unsentWork)} that never reached the CRM, if this sign-in is
          another organisation than the local copy's
        </label>
      )}
      {error && (
        <p className="crm-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}

/**
 * A new grant code for the organisation connected now: a refresh token Zoho expired or revoked, a
 * scope to add. Signing out would remove this computer's copy (its saved day plans, the marks not
 * shared yet); this keeps it. The Self Client kept is used unless another is given.
 */
function ReconnectForm({
  dataCentre,
  onDone,
}: {
  dataCentre: CrmDataCentre;
  onDone: () => void;
}): React.JSX.Element {
  const { reconnect, busy } = useCrm();
  const [grantCode, setGrantCode] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  return (
    <form
      className="crm-form"
      aria-label="Connect again"
      onSubmit={(e) => {
        e.preventDefault();
        void reconnect({
          grantCode,
          ...(clientId.trim() ? { clientId } : {}),
          ...(clientSecret.trim() ? { clientSecret } : {}),
        }).then((ok) => {
          // The code is spent either way: a refused one cannot be tried again.
          setGrantCode('');
          if (ok) onDone();
        });
      }}
    >
      <p className="subtle">
        Generate a new grant code for the same organisation in Zoho's API console (
        {consoleOf(dataCentre)}, Self Client, the scopes <ScopeList />
        ). This computer's copy of the CRM is kept.
      </p>
      <GrantCodeField value={grantCode} onChange={setGrantCode} />
      <details>
        <summary>Another Self Client</summary>
        <SelfClientFields
          clientId={clientId}
          clientSecret={clientSecret}
          onClientId={setClientId}
          onClientSecret={setClientSecret}
          keptIfEmpty
        />
      </details>
      <div className="crm-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect again'}
        </button>
      </div>
    </form>
  );
}

function ModuleProgressList({ account }: { account: CrmAccount }): React.JSX.Element | null {
  const { sync } = account;
  if (sync.state !== 'syncing' || sync.modules.length === 0) return null;
  return (
    <div className="crm-progress" aria-label="Sync progress">
      {sync.modules.map((m) => {
        const row = moduleProgressRow(m);
        return (
          <div key={m.module} className="crm-progress-row">
            <span>{m.module}</span>
            {row.bar ? (
              <progress
                aria-label={`${m.module} progress`}
                max={row.bar.max}
                value={row.bar.value}
              />
            ) : (
              <span className="subtle">{row.text}</span>
            )}
            <span
              className={row.failed !== null ? 'crm-progress-failed' : 'subtle'}
              title={row.failed ?? undefined}
            >
              {row.bar ? row.text : ''}
            </span>
          </div>
        );
      })}
      {sync.etaMs !== null && (
        <p className="subtle" aria-live="polite">
          About {Math.max(1, Math.round(sync.etaMs / 60_000))} min left
        </p>
      )}
    </div>
  );
}

/**
 * A whole number from 1 to `max`, sent when the rep is done with it (Enter or leaving the field),
 * not at each keystroke: Backspace on "10" would store 1, and the field would then show "1" under
 * the next digits typed. Anything else typed is not sent and the field says what it takes.
 */
function NumberField(props: {
  label: string;
  max: number;
  value: number;
  unit?: string;
  onChange: (minutes: number) => void;
}): React.JSX.Element {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? String(props.value);
  const parsed = Number(shown);
  const valid =
    shown.trim() !== '' && Number.isInteger(parsed) && parsed >= 1 && parsed <= props.max;
  const commit = (): void => {
    if (draft === null || !valid) return;
    setDraft(null);
    if (parsed !== props.value) props.onChange(parsed);
  };
  return (
    <label>
      {props.label}
      <input
        type="number"
        min={1}
        max={props.max}
        step={1}
        value={shown}
        aria-invalid={!valid}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {props.unit ?? 'min'}
      {!valid && <span className="crm-error"> a whole number from 1 to {props.max}</span>}
    </label>
  );
}

/**
 * What the app spends of the organisation's API credits (Zoho counts them per organisation over
 * 24 hours), the daily budget its own runs keep to, and a first sync's estimate while it runs.
 */
function ApiCredits({
  sync,
  now,
}: {
  sync: CrmAccount['sync'];
  now: number;
}): React.JSX.Element | null {
  const zone = useSession((s) => s.session?.currentUser?.timeZone ?? s.session?.org.timeZone);
  const credits = sync.credits;
  if (!credits) return null;
  return (
    <p className="subtle" aria-label="API credits">
      {creditsText(credits, sync.state === 'syncing', now, zone ?? 'UTC')}
    </p>
  );
}

function Connected({ account }: { account: CrmAccount }): React.JSX.Element {
  const { syncNow, disconnect, showDataSet, updateSchedule, busy, error } = useCrm();
  const now = useNow(30_000);
  const crm = account.crm;
  const [confirmLoss, setConfirmLoss] = useState(false);
  const [reconnecting, setReconnecting] = useState(false);
  if (!crm) return <></>;
  // Refused calls are listed on their own: no sync sends them.
  const waitingBooked =
    account.unsentWork.bookings - account.refusedCalls.filter((c) => c.booked).length;
  const waiting = account.unsentCalls - account.refusedCalls.length - waitingBooked;
  const unsent = unsentWorkTotal(account.unsentWork);
  return (
    <div className="crm-connected">
      <p>
        Connected to <strong>{crm.orgName ?? 'your Zoho CRM organisation'}</strong> (Zoho CRM,{' '}
        {dataCentreLabel(crm.dataCentre)}).
      </p>
      {!crm.keptAcrossRestarts && (
        <p className="subtle">
          {hasDesktopShell
            ? 'This computer has no keychain the app can use: you will connect again after a restart.'
            : 'The web host keeps the sign-in in memory only: you will connect again once it stops.'}
        </p>
      )}
      <p className={`crm-status crm-status-${account.sync.state}`} role="status">
        {account.activeDataSet === 'crm' || account.sync.state === 'syncing'
          ? syncStatusText({ ...account, activeDataSet: 'crm' }, now)
          : `Zoho CRM, ${syncedAgo(account.sync.lastSyncedAt, now)}; showing the demo organisation`}
        {account.sync.first && account.sync.state === 'syncing' && !account.sync.planReady && (
          <span className="subtle"> Your data opens here when it finishes.</span>
        )}
      </p>
      {account.sync.lastError && account.sync.state !== 'syncing' && (
        <p className="crm-error" role="alert">
          {account.sync.lastError}
        </p>
      )}
      {/* The CRM's own words (the request, its answer): folded, for whoever mends it. */}
      {account.sync.errorDetail && account.sync.state !== 'syncing' && (
        <details className="crm-error-detail">
          <summary>Details</summary>
          <p>{account.sync.errorDetail}</p>
        </details>
      )}
      <HeldBackRecords
        count={account.sync.quarantined}
        records={account.heldBack}
        sync={account.sync}
      />
      {waiting + waitingBooked > 0 && (
        <p className="subtle crm-unsent">
          {unsentWorkWords({ ...NO_UNSENT_WORK, calls: waiting, bookings: waitingBooked })}{' '}
          {waiting + waitingBooked === 1 ? 'has' : 'have'} not reached Zoho yet;{' '}
          {waiting + waitingBooked === 1 ? 'it goes' : 'they go'} with the next sync.
          {account.unsentCallsWhy && <> {afterColon('Last attempt', account.unsentCallsWhy)}</>}
        </p>
      )}
      <RefusedCalls calls={account.refusedCalls} />
      <RefusedTasks tasks={account.refusedTasks} />
      <RefusedLeads leads={account.refusedLeads} />
      <OrganisationReport sync={account.sync} />
      <ModuleProgressList account={account} />
      <ApiCredits sync={account.sync} now={now} />
      <div className="crm-actions">
        <button onClick={() => void syncNow()} disabled={fullSyncRunning(account.sync)}>
          Sync now
        </button>
        <button
          onClick={() =>
            void disconnect(false).then((ok) => {
              if (!ok && unsent > 0) setConfirmLoss(true);
            })
          }
          disabled={busy}
        >
          Sign out
        </button>
        <button onClick={() => setReconnecting(true)} disabled={busy || reconnecting}>
          Connect again
        </button>
      </div>
      {reconnecting && (
        <ReconnectForm dataCentre={crm.dataCentre} onDone={() => setReconnecting(false)} />
      )}
      {error && (
        <p className="crm-error" role="alert">
          {error}
        </p>
      )}
      {/* Losing calls is its own control, away from the pointer: the second click of a
          double-click on Sign out only asks again, it never confirms. */}
      {confirmLoss && unsent > 0 && (
        <div className="crm-actions" role="group" aria-label="Sign out and lose unsent work">
          <button onClick={() => setConfirmLoss(false)}>Keep me signed in</button>
          <button
            onClick={() => void disconnect(true).then((ok) => ok && setConfirmLoss(false))}
            disabled={busy}
          >
            Sign out and lose {unsentWorkWords(account.unsentWork)}
          </button>
        </div>
      )}
      <fieldset className="crm-dataset">
        <legend>Show</legend>
        <label>
          <input
            type="radio"
            name="data-set"
            checked={account.activeDataSet === 'crm'}
            onChange={() => void showDataSet('crm')}
            disabled={account.sync.lastSyncedAt === null}
          />
          {crm.orgName ?? 'Zoho CRM'} (your CRM)
        </label>
        <label>
          <input
            type="radio"
            name="data-set"
            checked={account.activeDataSet === 'demo'}
            onChange={() => void showDataSet('demo')}
          />
          Demo organisation (sample data)
        </label>
      </fieldset>
      <div className="crm-schedule">
        <NumberField
          label="Sync records every"
          max={1440}
          value={account.schedule.recordsMinutes}
          onChange={(recordsMinutes) => void updateSchedule({ recordsMinutes })}
        />
        <NumberField
          label="Website visits every"
          max={60}
          value={account.schedule.visitsMinutes}
          onChange={(visitsMinutes) => void updateSchedule({ visitsMinutes })}
        />
        <NumberField
          label="Requests at Zoho at once"
          max={25}
          unit=""
          value={account.schedule.requestsInFlight}
          onChange={(requestsInFlight) => void updateSchedule({ requestsInFlight })}
        />
        <p className="subtle">
          Your Zoho edition's limit: Free 5, Standard 10, Professional 15, Enterprise 20, Ultimate
          25. Other integrations of the organisation share it; the app slows down by itself when
          Zoho says it is busy.
        </p>
      </div>
    </div>
  );
}

/**
 * Settings › CRM account (SY-1 to SY-4). `opened`: the page was opened here (the demo banner's
 * link), so the heading takes the focus and the next Tab is the form's first field.
 */
export function CrmAccountPanel({ opened }: { opened: boolean }): React.JSX.Element {
  const account = useCrm((s) => s.account);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The card is the page's first: focusing brings it into view (should it move lower) without
    // scrolling the page's title and the banner away.
    if (opened) heading.current?.focus();
  }, [opened]);
  return (
    <article className="card" aria-labelledby="crm-account-title">
      <h2 id="crm-account-title" ref={heading} tabIndex={-1}>
        CRM account
      </h2>
      {!account ? (
        <p className="loading">Loading…</p>
      ) : account.crm ? (
        <Connected account={account} />
      ) : (
        <>
          {/* Why the CRM's copy or sign-in was not taken up (a file that cannot be opened). */}
          {account.sync.state === 'error' && account.sync.lastError && (
            <p className="error" role="alert">
              {account.sync.lastError}
            </p>
          )}
          <ConnectForm unsentWork={account.unsentWork} />
        </>
      )}
    </article>
  );
}
