import type { TeamLane } from '@shared/teamContract';

/**
 * Why nobody on the team works the day shown (every lane closed), after "Nobody on the team works
 * on …: ": a day every rep has a holiday is named for it, not read as one without hours; a
 * weekend (no hours that day) says so; a mix of the two says both.
 */
export function closedDayText(lanes: readonly Pick<TeamLane, 'dayOff'>[]): string {
  const names = [...new Set(lanes.flatMap((l) => (l.dayOff ? [l.dayOff.name] : [])))];
  const off = lanes.filter((l) => l.dayOff !== null).length;
  if (off === 0) return 'no rep has working hours that day.';
  if (off === lanes.length)
    return names.length === 1
      ? `${names[0] ?? ''}, a holiday for every rep.`
      : `a holiday for every rep (${names.join(', ')}).`;
  const rest = lanes.length - off;
  return `${names.join(', ')}, a holiday for ${off} ${off === 1 ? 'rep' : 'reps'}; the other ${rest === 1 ? 'has' : `${rest} have`} no working hours that day.`;
}
