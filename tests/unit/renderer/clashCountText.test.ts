import { describe, expect, it } from 'vitest';
import { clashCountText } from '../../../src/renderer/src/team/clashCountText';

// Under "Clashes (22)" the page names what it counts: its lines, and the clashes one per person
// and time the `team` command lists (56 on the audit's Monday), so a director can match the two.
describe('the words under the Team page’s clashes', () => {
  it('names the lines and the clashes per person and time, as the team command lists them', () => {
    expect(clashCountText({ clashTotal: 22, clashEntries: 56 })).toBe(
      '22 lines, one per account (or person) and channel over overlapping windows; 56 clashes counted per person and time, as the team command lists them.',
    );
  });

  it('says nothing more when nothing clashes, and counts one of each in the singular', () => {
    expect(clashCountText({ clashTotal: 0, clashEntries: 0 })).toBeNull();
    expect(clashCountText({ clashTotal: 1, clashEntries: 1 })).toBe(
      '1 line, one per account (or person) and channel over overlapping windows; 1 clash counted per person and time, as the team command lists them.',
    );
  });
});
