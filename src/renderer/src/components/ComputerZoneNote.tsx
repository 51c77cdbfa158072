import { create } from 'zustand';
import { computerZoneNote } from '../format/computerZone';

const DISMISSED_KEY = 'contact-window.zone-note-dismissed';

/** Kept by the window's storage, so a rep abroad for a week is told once, not at each start. */
function storedPair(): string | null {
  try {
    return window.localStorage.getItem(DISMISSED_KEY);
  } catch {
    return null;
  }
}

/** The pair of zones a rep dismissed the note for: it comes back when either changes. */
const useDismissed = create<{ pair: string | null; dismiss(pair: string): void }>((set) => ({
  pair: storedPair(),
  dismiss: (pair) => {
    try {
      window.localStorage.setItem(DISMISSED_KEY, pair);
    } catch {
      // Storage refused (full, or off): dismissed for this run only.
    }
    set({ pair });
  },
}));

/** This computer's zone, as the window's clock reads it (the OS setting, also abroad). */
function computerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A rep abroad reads the planner on their CRM profile's hours: said once, with how to change it,
 * so "now 00:30 · Monday" in Tokyo's morning is not taken for a fault.
 */
export function ComputerZoneNote({
  repZone,
  now,
  demo,
}: {
  repZone: string;
  now: number;
  demo: boolean;
}): React.JSX.Element | null {
  const here = computerZone();
  const pair = `${here} ${repZone}`;
  const dismissed = useDismissed((s) => s.pair === pair);
  const text = computerZoneNote(repZone, here, now, demo);
  if (!text || dismissed) return null;
  return (
    <p className="plan-note zone-note" role="note" aria-label="Time zone">
      {text}{' '}
      <button type="button" onClick={() => useDismissed.getState().dismiss(pair)}>
        Dismiss
      </button>
    </p>
  );
}
