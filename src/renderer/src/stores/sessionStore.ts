import { create } from 'zustand';
import type { Session, Settings } from '@shared/contract';
import { call, callOpening } from '../api/client';
import { followCoreClock } from '../clock/coreClock';
import { afterColon } from '../format/afterColon';

interface SessionState {
  session: Session | null;
  settings: Settings | null;
  /** The app cannot read its data at all: the whole window says so. */
  error: string | null;
  /** Why the last change asked for (another user, a setting) did not happen; the app goes on. */
  actionError: string | null;
  /**
   * The user chosen in "Signed in as" while the core has not answered yet: the pages still show
   * the one before, and an action taken now (the core acts for whoever it has signed in) could
   * land on either, so pages offer none until the answer is in.
   */
  choosing: string | null;
  /**
   * How many switches of user have ended. The core answers a read for whoever it has signed in
   * when the read reaches it, so one asked before a switch ended (or while it was on its way) may
   * be the user before's: a read of the signed-in user's data keys on this, is dropped when it
   * changes and asked again, also when the user chosen last is the one from before.
   */
  switched: number;
  clearActionError(): void;
  load(): Promise<void>;
  chooseUser(userId: string): Promise<void>;
  /** False when the core refused it (`actionError` says why). */
  updateSettings(patch: Partial<Settings>): Promise<boolean>;
}

/**
 * Which reading of the session is the latest asked for: changes come in bursts (a setting saved
 * twice, a sync's events), and an older reading answered last must not put back what a newer
 * one already replaced. A switch of user counts as a newer reading as it starts.
 */
let readings = 0;

/** Users asked for so far: only the answer to the latest ends the switch. */
let choices = 0;

export const useSession = create<SessionState>()((set, get) => ({
  session: null,
  settings: null,
  error: null,
  actionError: null,
  choosing: null,
  switched: 0,
  clearActionError() {
    set({ actionError: null });
  },
  async load() {
    const reading = ++readings;
    try {
      const [session, settings] = await Promise.all([
        callOpening('getSession', {}),
        callOpening('getSettings', {}),
      ]);
      followCoreClock(session);
      if (reading === readings) set({ session, settings, error: null });
    } catch (error) {
      // Only an app that never read its session cannot show anything: a re-read that failed (the
      // browser offline) keeps the one on screen, and the change is announced again on reconnect.
      if (reading === readings && get().session === null) set({ error: (error as Error).message });
    }
  },
  async chooseUser(userId) {
    const choice = ++choices;
    // A reading on its way answers for whoever the core had signed in when it got there: landing
    // after the switch, it would put the user before back (and every page with them, the Alerts
    // card showing their settings as the new user's).
    readings++;
    set({ choosing: userId });
    const ended = (): Pick<SessionState, 'choosing' | 'switched'> => ({
      choosing: null,
      switched: get().switched + 1,
    });
    try {
      const session = await call('setCurrentUser', { userId });
      // A user chosen since is the one the core has signed in last: its answer is the session.
      if (choice === choices) set({ session, actionError: null, ...ended() });
    } catch (error) {
      set({
        actionError: afterColon('Could not switch user', (error as Error).message),
        ...(choice === choices ? ended() : {}),
      });
    }
    // Read again once the switch is answered: what a dropped reading brought (a setting changed
    // meanwhile) comes with it, and a reading sent during the switch, which the core may have
    // answered for either user, is older than this one and dropped too.
    if (choice === choices) void get().load();
  },
  async updateSettings(patch) {
    try {
      set({ settings: await call('updateSettings', patch), actionError: null });
      return true;
    } catch (error) {
      set({ actionError: afterColon('The setting was not saved', (error as Error).message) });
      return false;
    }
  },
}));

/**
 * The signed-in user is an admin who owns no lead or contact (sales operations): no visit, alert
 * or plan is theirs, so Visits opens on everyone's, their alert rules are about anyone's people and
 * the pages say so instead of "your people". Reps and managers keep their own views, owned or not.
 */
export function useOrganisationWide(): boolean {
  return useSession(
    (s) => s.session?.currentUser?.role === 'admin' && !s.session.currentUser.ownsPeople,
  );
}
