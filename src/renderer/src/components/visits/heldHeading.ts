/**
 * The Held list's heading: how many are held, and how many of them the list names when the feed
 * stopped at its limit, so it never says "Held: 50 alerts" under a head that says "57 held"
 * (review51 4).
 */
export function heldHeading(held: number, listed: number): string {
  const count = held === 1 ? 'Held: 1 alert' : `Held: ${held} alerts`;
  return listed < held ? `${count}, the first ${listed} listed` : count;
}
