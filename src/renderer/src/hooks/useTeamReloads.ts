import { useCallback, useEffect, useState } from 'react';
import { changesMoreThanSettings, onEvent } from '../api/client';
import { useSession } from '../stores/sessionStore';
import { RELOAD_MS } from '../team/teamReload';

/**
 * When the Team page's day or week is read again, shared by both views: on data that changed
 * (more than settings), every RELOAD_MS, and whenever `reload` is called. `userId` and
 * `switched` go with `reloads` into a read's dependencies: a read asked for before a switch of
 * user ended is dropped and asked again.
 */
export function useTeamReloads(): {
  reloads: number;
  reload: () => void;
  userId: string | undefined;
  switched: number;
} {
  const userId = useSession((s) => s.session?.currentUser?.id);
  const switched = useSession((s) => s.switched);
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(
    () =>
      onEvent('data-changed', (change) => {
        if (changesMoreThanSettings(change)) reload();
      }),
    [reload],
  );
  useEffect(() => {
    const timer = setInterval(reload, RELOAD_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return { reloads, reload, userId, switched };
}
