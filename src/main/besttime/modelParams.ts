/**
 * The model's tunable constants, in one place so the evaluation can try alternatives. Values
 * were chosen by `npm run eval -- --tune` (coordinate descent on hit@1) on the earlier half of
 * each data set's cut-offs only; the later half stayed unseen until the reported run.
 */
export interface ModelParams {
  /**
   * Half-life of a signal's weight, counted back from the contact's latest signal. 180 days,
   * longer than the 60-90 we started from: the hour of day someone engages is a habit that
   * outlives a quarter (work pattern, zone, family), and on both data sets shorter half-lives
   * lost hit@1 by throwing away evidence. Last year's signals still count a quarter, and a
   * contact who changes habits overrides them within a few months of new signals.
   */
  halfLifeDays: number;
  /**
   * Pseudo-signals pulling a weekday's profile toward the contact's all-week profile: large,
   * because one weekday rarely has enough signals of its own to stand alone.
   */
  dayStrength: number;
  /**
   * Pseudo-signals pulling the contact's all-week profile toward the population's: a contact
   * needs about this many signals before their own hours count as much as everyone else's.
   */
  personStrength: number;
  /** People a zone needs before its own pattern outweighs the organisation's. */
  zonePeople: number;
  /** Share of a signal spread to each neighbouring slot: habits are not cut at the hour. */
  neighbourShare: number;
  /** Repeats of one signal type closer than this are one act (bursts, patch series). */
  burstMinutes: number;
}

export const MODEL_PARAMS: ModelParams = {
  halfLifeDays: 180,
  dayStrength: 32,
  personStrength: 50,
  zonePeople: 200,
  neighbourShare: 0.25,
  burstMinutes: 30,
};

/** Below this many own signals for a channel a contact is "sparse": capped stars, borrowed reason. */
export const SPARSE_SIGNALS = 5;
