import type { TeamCoverage } from '@shared/teamContract';

/**
 * What a lane says of its planned windows, as the coverage below counts them (TM-2): worked in
 * window of those due so far, and how many are planned. "0 of 51 worked" at 04:00 in New York,
 * before any was due, read as a rep who had failed at everything; the share below read "–".
 * Each part stays whole on the lane (a part to a line where the two do not fit).
 */
export function laneCountParts(c: TeamCoverage): { text: string; title: string }[] {
  if (c.windows === 0)
    return [
      {
        text: 'none planned',
        title: 'No window of 2★ or more on a channel the rep works: nothing is counted',
      },
    ];
  const due = c.worked + c.outside + c.missed;
  const planned = {
    text: `${c.windows} planned`,
    title: 'One window per person and channel, of 2★ or more, on a channel the rep works',
  };
  // As the rep's planner header words them: not missed, nor due, until struck through.
  const justEnded =
    c.justEnded > 0
      ? [
          {
            text: `${c.justEnded} just ended`,
            title:
              'Planned windows that ended unworked less than 30 minutes ago: missed once struck through, as on the planner',
          },
        ]
      : [];
  if (due === 0)
    return [
      planned,
      ...(justEnded.length > 0
        ? justEnded
        : [
            {
              text: 'none due yet',
              title: 'No planned window has been worked, reached outside or ended yet',
            },
          ]),
    ];
  return [
    {
      text: `${c.worked} of ${due} due worked`,
      title: `Worked in window, of the planned windows due so far (worked, outside window or missed): ${c.outside} outside window, ${c.missed} missed`,
    },
    ...justEnded,
    planned,
  ];
}
