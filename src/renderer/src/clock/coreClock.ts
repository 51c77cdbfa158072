import type { Session } from '@shared/contract';

/**
 * How far the core's clock is ahead of this computer's: 0 unless the core runs on a clock set for
 * a demo (`serve --now`), whose pages must show that morning, with windows opening and striking
 * through by it, not by the computer's hour.
 */
let offset = 0;
let taken = false;
let announceTaken: () => void = () => {};
const takenOnce = new Promise<void>((resolve) => {
  announceTaken = resolve;
});

/**
 * Resolves once the core's clock is taken: until then `coreNow` is this computer's, which a core
 * on a set clock may be days away from.
 */
export function coreClockTaken(): Promise<void> {
  return takenOnce;
}

/** The instant it is for the core: every "now" a page shows or decides by (durations may use Date.now). */
export function coreNow(): number {
  return Date.now() + offset;
}

/**
 * The offset a session gives: none on the computer's own clock (the desktop app, a plain serve),
 * so that the answer's delay never shifts it; else the core's `now` against when it arrived, a
 * few milliseconds late at most.
 */
export function clockOffset(
  session: Pick<Session, 'now' | 'clockSet'>,
  receivedAt: number,
): number {
  return session.clockSet ? session.now - receivedAt : 0;
}

/**
 * Takes the core's clock from the first session read. Once only: a set clock runs on as this
 * one does, and each later reading would only move it by that answer's delay.
 */
export function followCoreClock(session: Pick<Session, 'now' | 'clockSet'>): void {
  if (taken) return;
  taken = true;
  offset = clockOffset(session, Date.now());
  announceTaken();
}
