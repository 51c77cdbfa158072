import type { TeamClash } from '../../shared/teamContract';
import type { Channel } from '../../shared/signals';

/** A planned row with a window, as the clash finder reads it. */
export interface PlannedWindow {
  repId: string;
  personId: string;
  name: string;
  channel: Channel;
  /** The account the person belongs to (a lead's company), as written; null when unknown. */
  account: string | null;
  start: number;
  end: number;
}

/** Account names as people type them: case and spacing do not make two companies. */
function accountKey(name: string | null): string | null {
  const key = name?.trim().replace(/\s+/g, ' ').toLowerCase() ?? '';
  return key === '' ? null : key;
}

/**
 * TM-2's clashes: two reps planned at overlapping times, on the same channel, for the same
 * person, or for two people at one account. One clash per pair of rows, over the time both are
 * open, in time order.
 */
export function findClashes(windows: readonly PlannedWindow[]): TeamClash[] {
  const byPerson = new Map<string, PlannedWindow[]>();
  const byAccount = new Map<string, PlannedWindow[]>();
  for (const w of windows) {
    const key = `${w.channel}|${w.personId}`;
    let list = byPerson.get(key);
    if (!list) byPerson.set(key, (list = []));
    list.push(w);
    const account = accountKey(w.account);
    if (account === null) continue;
    const accountGroup = `${w.channel}|${account}`;
    let group = byAccount.get(accountGroup);
    if (!group) byAccount.set(accountGroup, (group = []));
    group.push(w);
  }
  const out: TeamClash[] = [];
  for (const group of byPerson.values())
    if (group.length > 1)
      sweep(group, (a, b) => a.repId !== b.repId, (a, b) => out.push(clash(null, a, b)));
  for (const group of byAccount.values())
    if (group.length > 1)
      sweep(
        group,
        (a, b) => a.repId !== b.repId && a.personId !== b.personId,
        (a, b) => out.push(clash(a.account ?? b.account, a, b)),
      );
  return out.sort(
    (a, b) =>
      a.start - b.start ||
      a.end - b.end ||
      cmp(a.people[0]?.personId ?? '', b.people[0]?.personId ?? '') ||
      cmp(a.people[1]?.personId ?? '', b.people[1]?.personId ?? ''),
  );
}

/** Every overlapping pair of a group that `pairs` accepts, each pair once. */
function sweep(
  group: PlannedWindow[],
  pairs: (a: PlannedWindow, b: PlannedWindow) => boolean,
  found: (a: PlannedWindow, b: PlannedWindow) => void,
): void {
  const sorted = [...group].sort((a, b) => a.start - b.start || a.end - b.end);
  let open: PlannedWindow[] = [];
  for (const w of sorted) {
    open = open.filter((o) => o.end > w.start);
    for (const o of open) if (pairs(o, w)) found(o, w);
    open.push(w);
  }
}

function clash(account: string | null, a: PlannedWindow, b: PlannedWindow): TeamClash {
  // The pair in a fixed order (by rep, then person), so the same clash reads the same every time.
  const [x, y] = (cmp(a.repId, b.repId) || cmp(a.personId, b.personId)) <= 0 ? [a, b] : [b, a];
  return {
    account,
    channel: a.channel,
    people: [x, y].map((w) => ({ personId: w.personId, name: w.name, repId: w.repId })),
    start: Math.max(a.start, b.start),
    end: Math.min(a.end, b.end),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
