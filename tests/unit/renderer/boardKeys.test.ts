import { describe, expect, it } from 'vitest';
import { moveOnBoard } from '../../../src/renderer/src/team/boardKeys';

const lane = (...hours: number[]) => hours.map((h) => ({ start: h * 3_600_000 }));

describe('the Team board’s arrow keys (TM-1)', () => {
  // Anna 09:00, 11:00, 14:00; Chloe (Sydney) nothing in the day shown; Tom 10:00, 15:00.
  const lanes = [lane(9, 11, 14), lane(), lane(10, 15)];

  it('moves through a rep’s windows in time order, and stops at either end', () => {
    expect(moveOnBoard(lanes, { lane: 0, index: 0 }, 'ArrowRight')).toEqual({ lane: 0, index: 1 });
    expect(moveOnBoard(lanes, { lane: 0, index: 1 }, 'ArrowLeft')).toEqual({ lane: 0, index: 0 });
    expect(moveOnBoard(lanes, { lane: 0, index: 0 }, 'ArrowLeft')).toBeNull();
    expect(moveOnBoard(lanes, { lane: 0, index: 2 }, 'ArrowRight')).toBeNull();
    expect(moveOnBoard(lanes, { lane: 0, index: 0 }, 'End')).toEqual({ lane: 0, index: 2 });
    expect(moveOnBoard(lanes, { lane: 0, index: 2 }, 'Home')).toEqual({ lane: 0, index: 0 });
  });

  it('goes to the rep below or above with a window, at the one closest in time', () => {
    // Past Chloe, who has none: Tom's 15:00 is closest to Anna's 14:00.
    expect(moveOnBoard(lanes, { lane: 0, index: 2 }, 'ArrowDown')).toEqual({ lane: 2, index: 1 });
    expect(moveOnBoard(lanes, { lane: 2, index: 0 }, 'ArrowUp')).toEqual({ lane: 0, index: 0 });
    expect(moveOnBoard(lanes, { lane: 0, index: 0 }, 'ArrowUp')).toBeNull();
    expect(moveOnBoard(lanes, { lane: 2, index: 0 }, 'ArrowDown')).toBeNull();
    expect(moveOnBoard(lanes, { lane: 0, index: 0 }, 'Tab')).toBeNull();
  });
});
