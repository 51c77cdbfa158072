/** A block's place on the board: its lane (rep), and its index in that lane's time order. */
export interface BoardPlace {
  lane: number;
  index: number;
}

/** The keys that move the focus among the board's blocks. */
export const BOARD_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];

/**
 * Where a key moves the keyboard's focus on the Team board (TM-1), or null where it stays: left
 * and right to the rep's window before or after (lanes in time order), Home and End to their
 * first and last, up and down to the nearest rep above or below with a window, at the one that
 * starts closest in time. A lane takes one Tab stop; the arrows do the rest.
 */
export function moveOnBoard(
  lanes: readonly (readonly { start: number }[])[],
  from: BoardPlace,
  key: string,
): BoardPlace | null {
  const here = lanes[from.lane] ?? [];
  const at = (index: number): BoardPlace | null =>
    index >= 0 && index < here.length && index !== from.index ? { lane: from.lane, index } : null;
  switch (key) {
    case 'ArrowLeft':
      return at(from.index - 1);
    case 'ArrowRight':
      return at(from.index + 1);
    case 'Home':
      return at(0);
    case 'End':
      return at(here.length - 1);
    case 'ArrowUp':
    case 'ArrowDown': {
      const start = here[from.index]?.start;
      if (start === undefined) return null;
      const step = key === 'ArrowDown' ? 1 : -1;
      for (let l = from.lane + step; l >= 0 && l < lanes.length; l += step) {
        const other = lanes[l] ?? [];
        let best = -1;
        for (let i = 0; i < other.length; i++) {
          const distance = Math.abs((other[i]?.start ?? 0) - start);
          if (best < 0 || distance < Math.abs((other[best]?.start ?? 0) - start)) best = i;
        }
        if (best >= 0) return { lane: l, index: best };
      }
      return null;
    }
    default:
      return null;
  }
}
