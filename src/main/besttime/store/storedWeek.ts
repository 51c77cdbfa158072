import type { Channel } from '../../../shared/signals';
import { decodeWindows, type WeeklyWindow } from './windowsCodec';

/**
 * One person's stored windows of one channel, by ISO weekday, decoded from the row's JSON when a
 * weekday is first asked for. A Team page reads the 1.4 million windows of 12 reps' people and
 * plans one day: decoding every weekday up front kept six in seven of them alive for nothing, and
 * collecting them was most of a cold day's garbage collection.
 */
export class StoredWeek {
  private readonly days: (readonly WeeklyWindow[] | undefined)[] = [];
  private whole = false;

  constructor(
    private readonly channel: Channel,
    private readonly json: string,
  ) {}

  /** The windows of ISO weekday `weekday` (1-7), best first. */
  on(weekday: number): readonly WeeklyWindow[] {
    const known = this.days[weekday];
    if (known || this.whole) return known ?? [];
    // A second weekday asked for (the next days' offer looks through a week): decode the rest at
    // once rather than parsing the row again for each. Days handed out already stay the same lists.
    const keepAll = this.days.length > 0;
    const week: WeeklyWindow[][] = [[], [], [], [], [], [], [], []];
    for (const w of decodeWindows(this.channel, this.json)) week[w.weekday]?.push(w);
    if (keepAll) {
      for (let d = 1; d <= 7; d++) this.days[d] ??= week[d];
      this.whole = true;
    } else this.days[weekday] = week[weekday] ?? [];
    return this.days[weekday] ?? [];
  }
}
