let last = Math.floor(Math.random() * 2 ** 31);

/**
 * A number for a request of the team's day, which the core carries back on the progress it pushes
 * (`team-day-progress`): two days made at once (a manager stepping through days) push in turns,
 * and the page follows only its newest request. From a random start, so that a request still being
 * made for a window since reloaded, or for another tab on the web host, has another number.
 */
export function newTeamDayRequest(): number {
  last += 1;
  return last;
}
