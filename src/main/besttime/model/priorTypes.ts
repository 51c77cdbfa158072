import type { Channel } from '../../../shared/signals';
import type { Strengths } from './shrinkage';

// The shapes the priors are built from and handed on in. They live apart from the code that
// fits them (priors.ts, halfLifeFit.ts, hitCalibration.ts, ...) so that those files and their
// helpers can name them without importing each other in a circle.

/** Summed local-week profiles of a group of people, per channel. */
export interface GroupProfile {
  mass: Record<Channel, Float64Array>;
  people: Record<Channel, number>;
}

/** The organisation's and zones' profiles summed with one candidate half-life. */
export interface CandidateProfiles {
  halfLifeDays: number;
  org: GroupProfile;
  byZone: Map<string, GroupProfile>;
}

/**
 * Logistic calibration of a window's share into the chance it is hit:
 * p = sigmoid(intercept + score * logit(share) + ownWindow * log(1 + own sittings in the window)
 * + ownSittings * log(1 + own sittings)). The identity (0, 1, 0, 0) trusts the share as is.
 */
export interface HitCalibration {
  /** False when the organisation had too few repeat sittings to learn from. */
  fitted: boolean;
  intercept: number;
  score: number;
  ownWindow: number;
  ownSittings: number;
  /**
   * Stars shown per raw star band, indexed by half stars (starRating.ts): the band of the hit
   * rate windows of that raw band had in the organisation's replayed history, made monotone.
   */
  bands: readonly number[];
}

/**
 * Calls the rep placed per local (weekday, slot) cell of the contacts' week, answered and not
 * (BT-12), summed over a group. Raw counts of tries (answerRates.ts), not decayed.
 */
export interface AnswerCounts {
  answered: Float64Array;
  unanswered: Float64Array;
}

/**
 * The version of the priors' shape and of how they are learned. A full relearn stores its priors
 * with this number (besttime/store/learnedPriors.ts) and a later start reuses them only when it
 * matches: bump it whenever BesttimePriors changes shape or what is learned into it changes
 * meaning (a change of MODEL_PARAMS is noticed on its own). 2 added `answers` and `version`; 3
 * caps the bands at the record's average until it has judged a whole horizon (hitCalibration.ts).
 */
export const PRIORS_VERSION = 3;

/** What sparse contacts borrow from: the organisation and each zone's contacts. */
export interface BesttimePriors {
  version: number;
  slotMinutes: number;
  org: GroupProfile;
  byZone: Map<string, GroupProfile>;
  /**
   * Half-life of a contact's signals, learned from this organisation's own history
   * (halfLifeFit.ts); `MODEL_PARAMS.halfLifeDays` where there is too little to learn from.
   * Scoring decays contacts' signals with it, and `org` and `byZone` were summed with it.
   */
  halfLifeDays: number;
  /** How far contacts' hours are trusted, learned from this organisation's own history. */
  strengths: Record<Channel, Strengths>;
  /** What a window's share means as a hit rate here: ranks windows and sets their stars. */
  calibration: Record<Channel, HitCalibration>;
  /** Answered and unanswered calls of the organisation and of each zone's contacts (BT-12). */
  answers: { org: AnswerCounts; byZone: Map<string, AnswerCounts> };
}
