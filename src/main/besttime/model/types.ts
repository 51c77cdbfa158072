import type { Channel, SignalType } from '../../../shared/signals';
import type { BusinessHours } from './businessHours';

/** One engagement signal of a contact, as the model sees it. */
export interface BesttimeEvent {
  personId: string;
  /** UTC epoch milliseconds. */
  at: number;
  type: SignalType;
  durationS?: number;
  /** IANA zone of the contact when known; the organisation's zone is used otherwise. */
  personTz?: string;
}

/**
 * Each person's events, a person at a time: a Map is one. A full relearn passes its packed store
 * (store/packedEvents.ts) instead, which builds a person's list only when it is read, so that a
 * whole organisation's event objects never live at once.
 */
export interface EventsByPerson extends Iterable<readonly [string, readonly BesttimeEvent[]]> {
  readonly size: number;
  keys(): Iterable<string>;
  values(): Iterable<readonly BesttimeEvent[]>;
  get(personId: string): readonly BesttimeEvent[] | undefined;
  /** How many events in all, when that is known without building every list. */
  readonly signalCount?: number;
}

export type SlotMinutes = 30 | 60 | 120;

/** A week of working hours in a zone of its own: a rep's shift. */
export interface WorkingHours {
  /** The same for the same hours in the same zone (the shift's id): what caches are kept by. */
  key: string;
  zone: string;
  hours: BusinessHours;
}

export interface BesttimeOptions {
  /** Only events strictly before this instant (UTC epoch ms) are used. */
  asOf: number;
  orgTz: string;
  /** In the organisation's zone; null means every hour is open. */
  businessHours: BusinessHours | null;
  /**
   * The hours a contact may be offered in when not `businessHours`: the shift their owner works
   * (Zoho's shift hours), in its own zone. Undefined for a contact, or left out: the organisation's.
   */
  hoursOf?: (personId: string) => WorkingHours | undefined;
  slotMinutes: SlotMinutes;
  /** Maximum windows per weekday per channel. */
  top: number;
  /**
   * Word each window's reason (default). The app's store leaves it out and keeps the evidence
   * instead: reasons are worded when read, so "last 3 days ago" is true on the day it is shown.
   */
  wordReasons?: boolean;
}

interface WindowEvidence {
  /** The contact's own evidence for the channel (isOwnEvidence) inside this window on this weekday. */
  count: number;
  /** UTC epoch ms of the latest of them, or null when there are none. */
  lastAt: number | null;
  /**
   * The same signals by type, types without any left out, and for calls the tries there that
   * went unanswered (`call_no_answer`, not in `count`); in no promised order (wording sorts it).
   */
  byType: [SignalType, number][];
}

/**
 * A weekly window as the model learns it, with its score and evidence: what a recompute writes
 * (store/windowsCodec.ts), read back as a WeeklyWindow.
 */
export interface LearnedWindow {
  /** ISO weekday in the contact's zone, Monday = 1. */
  weekday: number;
  /** Minutes from local midnight in the contact's zone; endMin may be 1440. */
  startMin: number;
  endMin: number;
  /** 0..5 in steps of 0.5. */
  stars: number;
  /** Expected hit rate: the chance that their engagement on that weekday falls inside the window. */
  score: number;
  /** Empty when the options said not to word it. */
  reason: string;
  evidence: WindowEvidence;
}

export interface PersonChannelWindows {
  personId: string;
  channel: Channel;
  tz: string;
  /** Sorted by weekday, then rank (best first). */
  windows: LearnedWindow[];
  /** What every window's reason says of the contact as a whole. */
  context: ReasonContext;
}

/** The parts of a reason shared by all windows of one contact and channel. */
export interface ReasonContext {
  /** Own signals strong enough for the channel, anywhere in the week. */
  ownSignals: number;
  sparse: boolean;
  /** Zone named when the contact's zone differs from the organisation's. */
  theirZone: string | null;
  /**
   * Where borrowed strength comes from: a zone, null for the whole organisation, or '' when
   * nobody else in it engaged on the channel (their own hours are all there is to borrow).
   */
  borrowedFrom: string | null;
  /**
   * The weekdays with any of the channel's own signals, bit 0 Monday to bit 6 Sunday, so a
   * borrowed window can say whether its weekday has none at all. Left out by older rows.
   */
  ownWeekdays?: number;
}

export const DEFAULT_TOP = 3;
