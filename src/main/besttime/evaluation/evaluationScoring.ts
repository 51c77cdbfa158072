import type { Channel } from '../../../shared/signals';
import { clockFor } from '../model/localClock';
import { isUnansweredCall, QUALIFYING_WEIGHT, signalWeight } from '../model/signalWeights';
import type { BesttimeEvent, PersonChannelWindows } from '../model/types';

/** One sitting of a contact: events closer than this to the previous one belong to it. */
const ACT_GAP_MS = 30 * 60_000;

export interface Act {
  personId: string;
  at: number;
}

/**
 * Collapses each contact's channel-relevant events into acts (patch series, chat bursts). A call
 * logged as answered that was too short to have been (a voicemail) is no act, as the model
 * learns it as an unanswered attempt.
 */
export function collapseActs(events: readonly BesttimeEvent[], channel: Channel): Act[] {
  const byPerson = new Map<string, number[]>();
  for (const e of events) {
    if (isUnansweredCall(e.type, e.durationS)) continue;
    if (signalWeight(e.type, channel) < QUALIFYING_WEIGHT) continue;
    const list = byPerson.get(e.personId) ?? [];
    list.push(e.at);
    byPerson.set(e.personId, list);
  }
  const acts: Act[] = [];
  for (const [personId, times] of byPerson) {
    times.sort((a, b) => a - b);
    let previous = -Infinity;
    for (const at of times) {
      if (at - previous > ACT_GAP_MS) acts.push({ personId, at });
      previous = at;
    }
  }
  return acts;
}

export interface LocalSlot {
  weekday: number;
  slot: number;
  minute: number;
}

export function localSlot(tz: string, at: number, slotMinutes: number): LocalSlot {
  const minuteOfWeek = clockFor(tz).minuteOfWeek(at);
  const minute = minuteOfWeek % 1440;
  return {
    weekday: Math.floor(minuteOfWeek / 1440) + 1,
    slot: Math.floor(minute / slotMinutes),
    minute,
  };
}

/** A window as the scorer sees it: slots within one local day, best first per weekday. */
export interface SlotWindow {
  first: number;
  end: number;
  stars: number;
}

/** Our windows per weekday (index 0 = Monday), in slot units. */
export function windowsByWeekday(
  result: PersonChannelWindows,
  slotMinutes: number,
): SlotWindow[][] {
  const days: SlotWindow[][] = [[], [], [], [], [], [], []];
  for (const w of result.windows) {
    days[w.weekday - 1]?.push({
      first: w.startMin / slotMinutes,
      end: w.endMin / slotMinutes,
      stars: w.stars,
    });
  }
  return days;
}

/**
 * Baseline windows with the same widths as ours, rank by rank: for each width, the free block
 * of that many slots with the highest baseline score (earliest on ties).
 */
export function sameWidthWindows(score: Float64Array, widths: number[]): SlotWindow[] {
  const used = new Uint8Array(score.length);
  const out: SlotWindow[] = [];
  for (const width of widths) {
    let bestStart = -1;
    let best = -Infinity;
    for (let start = 0; start + width <= score.length; start++) {
      let sum = 0;
      let free = true;
      for (let i = start; i < start + width; i++) {
        if (used[i]) free = false;
        sum += score[i] ?? 0;
      }
      if (free && sum > best) {
        best = sum;
        bestStart = start;
      }
    }
    if (bestStart < 0) break;
    for (let i = bestStart; i < bestStart + width; i++) used[i] = 1;
    out.push({ first: bestStart, end: bestStart + width, stars: 0 });
  }
  return out;
}

export interface HitCounts {
  acts: number;
  hit1: number;
  hit3: number;
}

export function emptyHits(): HitCounts {
  return { acts: 0, hit1: 0, hit3: 0 };
}

/** Counts one act; true when the first window caught it. */
export function recordHit(counts: HitCounts, windows: SlotWindow[], slot: number): boolean {
  counts.acts++;
  const inside = (w: SlotWindow): boolean => slot >= w.first && slot < w.end;
  const first = windows[0] !== undefined && inside(windows[0]);
  if (first) counts.hit1++;
  if (windows.slice(0, 3).some(inside)) counts.hit3++;
  return first;
}
