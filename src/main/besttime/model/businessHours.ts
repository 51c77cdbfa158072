/**
 * Opening hours of the organisation, in its own zone. Plain arrays so the app can store the
 * structure as JSON: days[0] is Monday, days[6] Sunday, each a sorted list of disjoint
 * [startMin, endMin) intervals in minutes from local midnight (endMin may be 1440).
 */
export interface BusinessHours {
  days: [number, number][][];
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

function specError(spec: string, problem: string): Error {
  return new Error(
    `business hours "${spec}": ${problem} (expected e.g. "Mon-Fri 09:00-12:00,13:00-18:00;Sat 10:00-14:00")`,
  );
}

function parseDay(spec: string, word: string): number {
  const index = DAY_NAMES.indexOf(word.trim().toLowerCase());
  if (index < 0)
    throw specError(spec, `unknown day "${word.trim()}" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  return index;
}

function parseDays(spec: string, text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const ends = part.split('-');
    if (ends.length > 2 || part.trim() === '') throw specError(spec, `bad day list "${text}"`);
    const first = parseDay(spec, ends[0] ?? '');
    const last = parseDay(spec, ends[1] ?? ends[0] ?? '');
    // A range may wrap over the weekend ("Sat-Mon").
    for (let d = first; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
  }
  return [...days];
}

function parseClock(spec: string, text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) throw specError(spec, `bad time "${text.trim()}" (use HH:MM)`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) {
    throw specError(spec, `time out of range "${text.trim()}"`);
  }
  return hours * 60 + minutes;
}

function parseInterval(spec: string, text: string): [number, number] {
  const ends = text.split('-');
  if (ends.length !== 2) throw specError(spec, `bad time range "${text.trim()}" (use HH:MM-HH:MM)`);
  const start = parseClock(spec, ends[0] ?? '');
  const end = parseClock(spec, ends[1] ?? '');
  if (end <= start) throw specError(spec, `time range "${text.trim()}" ends before it starts`);
  return [start, end];
}

function mergeIntervals(intervals: [number, number][]): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Parses "Mon-Fri 09:00-18:00" style specs; groups are separated by ";". */
export function parseBusinessHours(spec: string): BusinessHours {
  const perDay: [number, number][][] = [[], [], [], [], [], [], []];
  const groups = spec.split(';').filter((g) => g.trim() !== '');
  if (groups.length === 0) throw specError(spec, 'empty specification');
  for (const group of groups) {
    const match = /^\s*([A-Za-z,\-\s]+?)\s+([\d:,\-\s]+)$/.exec(group);
    if (!match) throw specError(spec, `cannot read "${group.trim()}" (days, a space, then hours)`);
    const days = parseDays(spec, match[1] ?? '');
    const intervals = (match[2] ?? '').split(',').map((t) => parseInterval(spec, t));
    for (const d of days) perDay[d]?.push(...intervals);
  }
  return { days: perDay.map(mergeIntervals) };
}

/** Every minute of the week open: what "no business hours configured" means. */
export function alwaysOpen(): BusinessHours {
  return { days: Array.from({ length: 7 }, () => [[0, MINUTES_PER_DAY]] as [number, number][]) };
}

/**
 * True when the whole org-local range [start, start + length) is open, where start counts
 * minutes from Monday 00:00. A range that crosses midnight needs both days open, which is how
 * a "Mon-Sun 00:00-24:00" organisation keeps its overnight slots.
 */
export function isOpenRange(
  hours: BusinessHours,
  startOfWeekMin: number,
  lengthMin: number,
): boolean {
  let cursor = ((startOfWeekMin % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  let remaining = lengthMin;
  while (remaining > 0) {
    const day = Math.floor(cursor / MINUTES_PER_DAY);
    const from = cursor - day * MINUTES_PER_DAY;
    const to = Math.min(MINUTES_PER_DAY, from + remaining);
    const intervals = hours.days[day] ?? [];
    if (!intervals.some(([s, e]) => s <= from && to <= e)) return false;
    remaining -= to - from;
    cursor = (cursor + (to - from)) % MINUTES_PER_WEEK;
  }
  return true;
}

/**
 * The longest stretch of [start, start + length) (minutes of the week) inside business hours, as
 * minutes from `start`, or null when no minute is: read from the open intervals, a stretch that
 * runs on over midnight into the next day's opening kept as one.
 */
export function longestOpenRun(
  hours: BusinessHours,
  startOfWeekMin: number,
  lengthMin: number,
): [number, number] | null {
  let cursor = ((startOfWeekMin % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  let offset = 0;
  let best: [number, number] | null = null;
  let run: [number, number] | null = null;
  while (offset < lengthMin) {
    const day = Math.floor(cursor / MINUTES_PER_DAY);
    const from = cursor - day * MINUTES_PER_DAY;
    const to = Math.min(MINUTES_PER_DAY, from + lengthMin - offset);
    for (const [s, e] of hours.days[day] ?? []) {
      const a = Math.max(s, from);
      const b = Math.min(e, to);
      if (a >= b) continue;
      const segment: [number, number] = [offset + a - from, offset + b - from];
      if (run && run[1] === segment[0]) run[1] = segment[1];
      else run = segment;
      if (!best || run[1] - run[0] > best[1] - best[0]) best = [run[0], run[1]];
    }
    offset += to - from;
    cursor = (cursor + (to - from)) % MINUTES_PER_WEEK;
  }
  return best;
}

/** Business hours as the organisation row stores them (JSON), or null when none are known. */
export function storedBusinessHours(raw: string | undefined): BusinessHours | null {
  if (!raw) return null;
  let parsed: Partial<BusinessHours>;
  try {
    parsed = JSON.parse(raw) as Partial<BusinessHours>;
  } catch {
    return null;
  }
  // Anything but seven days is "no hours known", and so is a week with no open minute: hours
  // that would hide every window are a set-up not finished, not an organisation never open.
  if (!Array.isArray(parsed.days) || parsed.days.length !== 7) return null;
  const hours = parsed as BusinessHours;
  return hours.days.some((day) => Array.isArray(day) && day.length > 0) ? hours : null;
}
