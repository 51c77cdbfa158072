import type { TeamClash } from '../../shared/teamContract';
import type { Channel } from '../../shared/signals';

/** A planned row with a window, as the clash finder reads it. */
export interface PlannedWindow {
  repId: string;
  personId: string;
  name: string;
  channel: Channel;
  /** The person's account group (`AccountGroups`), or -1 when no other rep works that account. */
  group: number;
  /** The person is in more than one rep's day. */
  shared: boolean;
  start: number;
  end: number;
}

/**
 * People grouped by account, where it takes two: only accounts more than one rep of the team has
 * people at can clash, so only their people are looked at. `names[group]` names the account.
 */
export interface AccountGroups {
  groupOf: ReadonlyMap<string, number>;
  names: readonly string[];
}

/** Account names as people type them: case and spacing do not make two companies. */
function accountKey(name: string | null): string | null {
  const key = name?.trim().replace(/\s+/g, ' ').toLowerCase() ?? '';
  return key === '' ? null : key;
}

/**
 * Groups people by the account they belong to: a contact's account, else a lead's company (leads
 * have no account in the CRM), so a lead and a contact at one company meet; named by the
 * account's own name when one of them has it.
 */
export function accountGroups(
  people: Iterable<{
    id: string;
    owner_id: string | null;
    account: string | null;
    company: string | null;
  }>,
): AccountGroups {
  const byKey = new Map<
    string,
    { owners: Set<string | null>; people: string[]; name: string; fromAccount: boolean }
  >();
  for (const p of people) {
    const key = accountKey(p.account ?? p.company);
    if (key === null) continue;
    let entry = byKey.get(key);
    if (!entry)
      byKey.set(key, (entry = { owners: new Set(), people: [], name: '', fromAccount: false }));
    entry.owners.add(p.owner_id);
    entry.people.push(p.id);
    if (p.account !== null && !entry.fromAccount) {
      entry.name = p.account.trim();
      entry.fromAccount = true;
    } else if (entry.name === '') entry.name = (p.company ?? '').trim();
  }
  const groupOf = new Map<string, number>();
  const names: string[] = [];
  for (const entry of byKey.values()) {
    if (entry.owners.size < 2) continue;
    for (const id of entry.people) groupOf.set(id, names.length);
    names.push(entry.name);
  }
  return { groupOf, names };
}

/**
 * TM-2's clashes: two reps planned at overlapping times, on the same channel, for the same
 * person, or for two people at one account. One clash per pair of rows, over the time both are
 * open, in time order.
 */
export function findClashes(
  windows: readonly PlannedWindow[],
  accountNames: readonly string[],
): TeamClash[] {
  const byPerson = new Map<string, PlannedWindow[]>();
  const byAccount = new Map<number, PlannedWindow[]>();
  for (const w of windows) {
    if (w.shared) {
      const key = `${w.channel}|${w.personId}`;
      const list = byPerson.get(key);
      if (list) list.push(w);
      else byPerson.set(key, [w]);
    }
    if (w.group < 0) continue;
    const key = w.group * 2 + (w.channel === 'email' ? 1 : 0);
    const list = byAccount.get(key);
    if (list) list.push(w);
    else byAccount.set(key, [w]);
  }
  const out: TeamClash[] = [];
  for (const group of byPerson.values())
    if (group.length > 1)
      sweep(
        group,
        (a, b) => a.repId !== b.repId,
        (a, b) => out.push(clash(null, a, b)),
      );
  for (const group of byAccount.values())
    if (group.length > 1)
      sweep(
        group,
        (a, b) => a.repId !== b.repId && a.personId !== b.personId,
        (a, b) => out.push(clash(accountNames[a.group] ?? null, a, b)),
      );
  out.sort(
    (a, b) =>
      a.start - b.start ||
      a.end - b.end ||
      cmp(a.people[0]?.personId ?? '', b.people[0]?.personId ?? '') ||
      cmp(a.people[1]?.personId ?? '', b.people[1]?.personId ?? ''),
  );
  return joinRepeats(out);
}

/**
 * One clash per pair of people and reps over a stretch of time: two windows of one of them that
 * overlap or follow each other (an ended window and the next, a row and a window no row shows)
 * made the same two people appear twice, "14:00–15:00" and "14:00–16:00". In start order.
 */
function joinRepeats(sorted: TeamClash[]): TeamClash[] {
  const open = new Map<string, TeamClash>();
  const out: TeamClash[] = [];
  for (const c of sorted) {
    const [x, y] = c.people;
    const key = `${c.channel}|${x?.repId}|${x?.personId}|${y?.repId}|${y?.personId}`;
    const last = open.get(key);
    if (last && c.start <= last.end) {
      last.end = Math.max(last.end, c.end);
      continue;
    }
    open.set(key, c);
    out.push(c);
  }
  return out;
}

/** Every overlapping pair of a group that `pairs` accepts, each pair once. */
function sweep(
  group: PlannedWindow[],
  pairs: (a: PlannedWindow, b: PlannedWindow) => boolean,
  found: (a: PlannedWindow, b: PlannedWindow) => void,
): void {
  group.sort((a, b) => a.start - b.start || a.end - b.end);
  // The windows still open, kept in order in one list: thousands of windows sweep an account.
  const open: PlannedWindow[] = [];
  for (const w of group) {
    let kept = 0;
    for (const o of open) if (o.end > w.start) open[kept++] = o;
    open.length = kept;
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
    people: [
      { personId: x.personId, name: x.name, repId: x.repId },
      { personId: y.personId, name: y.name, repId: y.repId },
    ],
    start: Math.max(a.start, b.start),
    end: Math.min(a.end, b.end),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
