import { create } from 'zustand';
import type { Session, Settings } from '@shared/contract';
import { call } from '../api/client';

interface SessionState {
  session: Session | null;
  settings: Settings | null;
  error: string | null;
  load(): Promise<void>;
  chooseUser(userId: string): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<void>;
}

export const useSession = create<SessionState>()((set) => ({
  session: null,
  settings: null,
  error: null,
  async load() {
    try {
      const [session, settings] = await Promise.all([
        call('getSession', {}),
        call('getSettings', {}),
      ]);
      set({ session, settings, error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
  async chooseUser(userId) {
    set({ session: await call('setCurrentUser', { userId }) });
  },
  async updateSettings(patch) {
    set({ settings: await call('updateSettings', patch) });
  },
}));
