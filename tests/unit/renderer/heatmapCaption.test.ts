import { describe, expect, it } from 'vitest';
import { heatmapCaption } from '../../../src/renderer/src/format/heatmapCaption';

describe('the "When they engage" caption', () => {
  it('names the zone without brackets inside brackets', () => {
    expect(heatmapCaption(80, 'Berlin (UTC+1)')).toBe(
      '80 signals, their local time: Berlin (UTC+1)',
    );
  });

  it('counts one signal in the singular', () => {
    expect(heatmapCaption(1, 'Tokyo (UTC+9)')).toBe('1 signal, their local time: Tokyo (UTC+9)');
  });
});
