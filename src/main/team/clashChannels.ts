import type { Channel } from '../../shared/signals';
import type { TeamClash, TeamClashLine } from '../../shared/teamContract';

/** Where a line is: an account, or one person two reps planned. */
function placeOf(c: TeamClash): string {
  return c.account === null ? `person|${c.people[0]?.personId ?? ''}` : `account|${c.account}`;
}

/** The reps of a line, in one order. */
function repsOf(c: TeamClash): string {
  return [...new Set(c.people.map((p) => p.repId))].sort().join('|');
}

const personKey = (p: { personId: string; repId: string }): string => `${p.repId}|${p.personId}`;

/**
 * Joins a call line and an email line of the same reps at the same place whose times overlap into
 * one line naming both channels: the same two reps at one account, planned for calls and for
 * emails in the same hours, read as two clashes. Each channel keeps its own time, the line spans
 * them, and a person on one channel alone is marked so (`only`). Lines of other reps, or at times
 * that only touch, stay apart. Times are instants: two stretches at 02:00 on the night the clocks
 * go back are an hour apart. In start order, as given.
 */
export function joinChannels(lines: readonly TeamClash[]): TeamClashLine[] {
  const open = new Map<string, TeamClashLine>();
  const out: TeamClashLine[] = [];
  // The channels each person of a line is on, while lines are joined.
  const channelsOf = new Map<TeamClashLine, Map<string, Set<Channel>>>();
  for (const c of lines) {
    const key = `${placeOf(c)}|${repsOf(c)}`;
    let line = open.get(key);
    // Lines of one channel at one place never overlap (they are stretches already): an overlap
    // is with the other channel's.
    if (
      !line?.channels.some((s) => s.channel !== c.channel && s.start < c.end && c.start < s.end)
    ) {
      line = { account: c.account, people: [], start: c.start, end: c.end, channels: [] };
      open.set(key, line);
      out.push(line);
      channelsOf.set(line, new Map());
    }
    line.channels.push({ channel: c.channel, start: c.start, end: c.end });
    line.start = Math.min(line.start, c.start);
    line.end = Math.max(line.end, c.end);
    const on = channelsOf.get(line);
    for (const p of c.people) {
      const channels = on?.get(personKey(p));
      if (channels) channels.add(c.channel);
      else {
        on?.set(personKey(p), new Set([c.channel]));
        line.people.push({ personId: p.personId, name: p.name, repId: p.repId });
      }
    }
  }
  for (const line of out) {
    if (line.channels.length === 1) continue;
    line.channels.sort(
      (a, b) => (a.channel === b.channel ? 0 : a.channel === 'call' ? -1 : 1) || a.start - b.start,
    );
    const on = channelsOf.get(line);
    for (const p of line.people) {
      const channels = [...(on?.get(personKey(p)) ?? [])];
      const [only] = channels;
      if (channels.length === 1 && only) p.only = only;
    }
  }
  return out;
}
