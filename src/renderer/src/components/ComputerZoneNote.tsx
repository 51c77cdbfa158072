import { create } from 'zustand';
import { computerZoneNote } from '../format/computerZone';

/** The pair of zones a rep dismissed the note for: it comes back when either changes. */
const useDismissed = create<{ pair: string | null; dismiss(pair: string): void }>((set) => ({
  pair: null,
  dismiss: (pair) => set({ pair }),
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
}: {
  repZone: string;
  now: number;
}): React.JSX.Element | null {
  const here = computerZone();
  const pair = `${here} ${repZone}`;
  const dismissed = useDismissed((s) => s.pair === pair);
  const text = computerZoneNote(repZone, here, now);
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
