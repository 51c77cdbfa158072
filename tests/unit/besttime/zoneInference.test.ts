import { describe, expect, it } from 'vitest';
import { inferZone } from '../../../src/main/besttime/model/zoneInference';

describe('inferZone (BT-11)', () => {
  it.each([
    ['Japan', undefined, 'Asia/Tokyo'],
    ['JP', undefined, 'Asia/Tokyo'],
    ['germany', undefined, 'Europe/Berlin'],
    [undefined, '+44 20 7946 0000', 'Europe/London'],
    [undefined, '+1 212 555 0100', 'America/New_York'],
    [undefined, '0061 2 9999 0000', 'Australia/Sydney'],
    [undefined, '+353 1 555 0000', 'Europe/Dublin'],
    ['France', '+81 3 0000 0000', 'Europe/Paris'],
  ])('maps country %j / phone %j to %s', (country, phone, zone) => {
    expect(inferZone(country, phone)).toBe(zone);
  });

  it('answers null when nothing is known', () => {
    expect(inferZone()).toBeNull();
    expect(inferZone('Atlantis', '030 1234567')).toBeNull();
  });
});
