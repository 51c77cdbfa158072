import type { TeamClashLine } from '@shared/teamContract';
import { spanOnDay } from './spanOnDay';

const CHANNEL_WORD = { call: 'calls', email: 'emails' } as const;

/**
 * When each channel of a clash line clashes, in the manager's zone on the day shown, where the
 * line's own time would say more than is true: "calls 10:00–11:00, emails 10:30–11:30" on a line
 * of 10:00–11:30. Null when every channel clashes over the line's whole time (one channel, or
 * calls and emails over the same hours).
 */
export function clashChannelTimes(
  line: Pick<TeamClashLine, 'start' | 'end' | 'channels'>,
  zone: string,
  date: string,
): string | null {
  if (line.channels.every((s) => s.start === line.start && s.end === line.end)) return null;
  const parts: string[] = [];
  for (const channel of ['call', 'email'] as const) {
    const spans = line.channels
      .filter((s) => s.channel === channel)
      .map((s) => spanOnDay(s.start, s.end, zone, date));
    if (spans.length > 0) parts.push(`${CHANNEL_WORD[channel]} ${listed(spans)}`);
  }
  return parts.join(', ');
}

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
