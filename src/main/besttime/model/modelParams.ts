/**
 * The model's constants, in one place so the evaluation can try alternatives. How hard a
 * contact's own hours are trusted against the population is not among them: that is learned
 * from each organisation's own history at every full recompute (see strengthFit.ts). The rest
 * were chosen by comparing alternatives on the earlier half of each data set's evaluation
 * period only (its tuning cut-offs, and on git-authors cut-offs every 28 days within that
 * half, for seven times the acts); the later, held-out half is what is reported.
 */
export interface ModelParams {
  /**
   * Half-life of a signal's weight, counted back from the contact's latest signal, where an
   * organisation's own history cannot choose one (halfLifeFit.ts: too few repeat sittings), and
   * the one a shorter candidate must clearly out-predict there. Ten years: the decayed mass is
   * also the evidence the shrinkage weighs against the population, so a half-life of months
   * made long-standing contacts look sparse; on git-authors every cut-off keeps it, while
   * collegemsg's students, whose hours drift over a term, choose about three weeks.
   */
  halfLifeDays: number;
  /**
   * Pseudo-sittings pulling a weekday's profile toward the contact's all-week profile, and the
   * contact's all-week profile toward the population's, for an organisation too small to learn
   * its own (fewer than `minFitTargets` repeat sittings). Low: a population of a few dozen
   * contacts says little, so a contact's own hours take over after a handful of sittings.
   */
  dayStrength: number;
  personStrength: number;
  /** Repeat sittings an organisation needs before its own strengths replace the defaults. */
  minFitTargets: number;
  /** People a zone needs before its own pattern outweighs the organisation's. */
  zonePeople: number;
  /**
   * Share of a signal spread to each neighbouring slot: habits are not cut at the hour. At 1/3
   * the signal's own slot is no heavier than its neighbours and a 10:15 habit became a
   * 09:00-11:00 window; no spreading lost a point of hit@1 on every data set.
   */
  neighbourShare: number;
  /** Repeats of one signal type closer than this are one act when explaining (patch series). */
  burstMinutes: number;
  /**
   * Signals at most this far apart, whatever their type, are one sitting, placed at its start:
   * a contact who sends five messages in an evening chose one time to engage, not five. Counting
   * sittings instead of signals is also how the evaluation counts what it predicts.
   */
  sittingMinutes: number;
  /**
   * How far ahead one recompute's windows are used, in days: the star calibration is learned
   * by judging each replayed sitting against the windows known at the start of its block of
   * this many days (sittingReplay.ts, hitCalibration.ts). Four weeks, the span the evaluation
   * scores after each cut-off.
   */
  horizonDays: number;
}

export const MODEL_PARAMS: ModelParams = {
  halfLifeDays: 3650,
  dayStrength: 8,
  personStrength: 4,
  minFitTargets: 200,
  zonePeople: 200,
  neighbourShare: 0.25,
  burstMinutes: 30,
  sittingMinutes: 30,
  horizonDays: 28,
};

/** Below this many own signals for a channel a contact is "sparse": capped stars, borrowed reason. */
export const SPARSE_SIGNALS = 5;
