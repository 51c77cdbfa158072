import { describe, expect, it } from 'vitest';
import { heldHeading } from '../../../src/renderer/src/components/visits/heldHeading';

describe('the Held list heading', () => {
  it('counts every held alert, saying how many the list names when it stopped at its limit', () => {
    expect(heldHeading(1, 1)).toBe('Held: 1 alert');
    expect(heldHeading(3, 3)).toBe('Held: 3 alerts');
    expect(heldHeading(57, 50)).toBe('Held: 57 alerts, the first 50 listed');
  });
});
