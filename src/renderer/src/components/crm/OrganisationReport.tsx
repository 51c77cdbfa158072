import type { SyncStatus } from '@shared/contract';
import { afterColon } from '../../format/afterColon';

/** "Cases", "Cases and Visits", "Cases, Tasks and Visits". */
function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * What the last syncs learnt about the organisation (SY-5): modules and fields it lacks (not
 * synced, never an error), where its website visits come from, and the optional steps (emails,
 * visit lists, a module refused mid-run) that did not finish.
 */
export function OrganisationReport({ sync }: { sync: SyncStatus }): React.JSX.Element | null {
  const { missing, emails, notes, visitsFrom } = sync;
  const fields = Object.entries(missing?.fields ?? {}).filter(([, names]) => names.length > 0);
  const lines = [
    missing?.modules.length,
    fields.length,
    visitsFrom === 'related-list',
    emails?.unavailable,
    emails?.failed,
    notes.length,
  ];
  if (!lines.some(Boolean)) return null;
  return (
    <section className="crm-organisation" aria-label="What the organisation has">
      {missing && missing.modules.length > 0 && (
        <p>
          Not in your Zoho organisation, so not synced: {listed(missing.modules)}. Everything else
          is.
        </p>
      )}
      {fields.length > 0 && (
        <div>
          <p className="subtle">Fields the organisation does not have, so not read:</p>
          <ul aria-label="Fields the organisation lacks">
            {fields.map(([module, names]) => (
              <li key={module}>
                <strong>{module}</strong>: {names.join(', ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {visitsFrom === 'related-list' && (
        <p className="subtle">
          Website visits are read from each lead’s and contact’s Visits list, a few people each
          sync, the latest visitors first.
        </p>
      )}
      {emails?.unavailable && (
        <p className="subtle">{afterColon('Emails were not read', emails.unavailable)}.</p>
      )}
      {emails?.failed && (
        <p className="subtle">
          A person’s emails could not be read ({emails.failed}); they are asked again in a later
          sync.
        </p>
      )}
      {notes.map((note) => (
        <p key={note} className="subtle">
          {asSentence(note)}
        </p>
      ))}
    </section>
  );
}

/**
 * A sync note as a sentence: the core words most without a full stop (the sync command prints
 * them as lines), some end with their own ("Zoho may hold this call twice.").
 */
function asSentence(note: string): string {
  return /[.!?…]$/.test(note) ? note : `${note}.`;
}
