/**
 * The heatmap's caption: how many signals, and whose clock the grid is in. The zone's own label
 * already carries parentheses ("Berlin (UTC+1)"), so it follows a colon rather than a bracket.
 */
export function heatmapCaption(total: number, zoneText: string): string {
  return `${total} ${total === 1 ? 'signal' : 'signals'}, their local time: ${zoneText}`;
}
