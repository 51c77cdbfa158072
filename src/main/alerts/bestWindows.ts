import type { BestWindow } from '../../shared/alertsContract';
import type { Channel } from '../../shared/signals';
import { currentWindow } from '../../shared/slotStates';
import type { Db } from '../db/openDatabase';
import { personWindowRows } from '../db/repos/alertVisits';
import { decodeWindows, type WeeklyWindow } from '../besttime/store/windowsCodec';
import {
  occurrencesBetween,
  openingFor,
  WindowClock,
  type Opening,
} from '../planner/windowOccurrences';

const DAY_MS = 86_400_000;
/** A weekly window opens again within a week; a day more covers a zone's longest day. */
const LOOKAHEAD_MS = 8 * DAY_MS;

export type WindowsNowOrNext = { call: BestWindow | null; email: BestWindow | null };

const NONE: WindowsNowOrNext = { call: null, email: null };

/**
 * A person's call and e-mail windows open at an instant, else the next to open: the planner's
 * occurrences of their weekly windows in their zone (so a daylight-saving change moves nothing),
 * and its choice of the window that speaks for them (the best-rated open one, else the next).
 */
export class BestWindows {
  private readonly clock = new WindowClock();
  private readonly weekly = new Map<string, Record<Channel, WeeklyWindow[][] | null>>();
  /** The shift each person's owner works, if any: their windows keep to its hours. */
  private readonly shiftOf = new Map<string, string>();
  /** Each shift's hours (null: the organisation's), read once for this list of windows. */
  private readonly openings = new Map<string | null, Opening | null>();

  constructor(
    private readonly db: Db,
    /** The channels whose suggestions are on (Settings › Best time, BT-8). */
    private readonly channels: { call: boolean; email: boolean },
  ) {}

  /** Reads the stored windows of these people at once (else each is read when first asked). */
  preload(personIds: Iterable<string>): void {
    const wanted = [...new Set(personIds)].filter((id) => !this.weekly.has(id));
    for (const id of wanted) this.weekly.set(id, { call: null, email: null });
    for (const row of personWindowRows(this.db, wanted)) {
      const byWeekday: WeeklyWindow[][] = [[], [], [], [], [], [], [], []];
      for (const w of decodeWindows(row.channel, row.windows)) byWeekday[w.weekday]?.push(w);
      const person = this.weekly.get(row.person_id);
      if (person) person[row.channel] = byWeekday;
      if (row.owner_shift_id) this.shiftOf.set(row.person_id, row.owner_shift_id);
    }
  }

  of(personId: string | null, zone: string, at: number): WindowsNowOrNext {
    if (!personId) return NONE;
    if (!this.weekly.has(personId)) this.preload([personId]);
    const weekly = this.weekly.get(personId);
    if (!weekly) return NONE;
    return {
      call: this.channels.call ? this.nowOrNext(personId, 'call', weekly.call, zone, at) : null,
      email: this.channels.email ? this.nowOrNext(personId, 'email', weekly.email, zone, at) : null,
    };
  }

  private nowOrNext(
    personId: string,
    channel: Channel,
    byWeekday: WeeklyWindow[][] | null,
    zone: string,
    at: number,
  ): BestWindow | null {
    if (!byWeekday) return null;
    // Held to the owner's hours on each date, as the plan's windows are (BT-7).
    const shift = this.shiftOf.get(personId) ?? null;
    let open = this.openings.get(shift);
    if (open === undefined) {
      open = openingFor(this.db, { shift_id: shift });
      this.openings.set(shift, open);
    }
    const ahead = occurrencesBetween(
      this.clock,
      zone,
      byWeekday,
      at - DAY_MS,
      at + LOOKAHEAD_MS,
      undefined,
      open,
    ).filter((o) => o.end > at);
    const pick = currentWindow(ahead, at);
    if (!pick) return null;
    return {
      channel,
      state: pick.start <= at ? 'now' : 'upcoming',
      start: pick.start,
      end: pick.end,
      stars: pick.stars,
    };
  }
}

/** The window an alert names: the call window now or next, else the e-mail one (VT-9). */
export function alertWindow(windows: WindowsNowOrNext): BestWindow | null {
  return windows.call ?? windows.email;
}
