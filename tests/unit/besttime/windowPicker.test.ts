import { describe, expect, it } from 'vitest';
import {
  pickBuffer,
  pickOptions,
  pickWindows,
} from '../../../src/main/besttime/model/windowPicker';

/** One day of hourly shares, 0 outside the hours given. */
function day(shares: Record<number, number>): Float64Array {
  const out = new Float64Array(24);
  for (const [hour, share] of Object.entries(shares)) out[Number(hour)] = share;
  return out;
}

function picked(share: Float64Array, open = new Uint8Array(24).fill(1)): string[] {
  const out = pickBuffer(3);
  const count = pickWindows(share, open, 0, new Uint8Array(24), 0.05, pickOptions(60, 3), out);
  return out.slice(0, count).map((w) => `${w.firstSlot}:00-${w.endSlot}:00`);
}

describe('choosing a day’s windows', () => {
  it('offers the two neighbouring hours that hold the most between them, not only the sharpest single hours', () => {
    // 08:00 is the sharpest hour (1.0) and 15:00 the next (0.9), both alone; 12:00 and 13:00
    // hold 0.5 + 0.6 = 1.1 together. Seeding at the sharpest free hour took 08:00, 15:00 and
    // then 10:00 (0.6 alone) and never offered 12:00-14:00.
    const share = day({ 8: 1, 9: 0.2, 10: 0.6, 11: 0.1, 12: 0.5, 13: 0.6, 14: 0.1, 15: 0.9 });
    expect(picked(share)).toEqual(['12:00-14:00', '8:00-9:00', '15:00-16:00']);
  });

  it('keeps a sharp hour alone when the hours beside it are well below it', () => {
    expect(picked(day({ 10: 1, 9: 0.3, 11: 0.3 }))[0]).toBe('10:00-11:00');
  });

  it('grows from the stronger hour of a pair and never into a closed hour', () => {
    const open = new Uint8Array(24).fill(1);
    open[12] = 0;
    // 11:00 and 12:00 would hold the most together, but 12:00 is closed.
    expect(picked(day({ 10: 0.5, 11: 0.6, 12: 0.9 }), open)[0]).toBe('10:00-12:00');
  });
});
