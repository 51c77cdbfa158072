import { describe, expect, it } from 'vitest';
import { demoEmailAddress } from '../../../src/main/demo/demoEmailAddress';

describe("a demo person's e-mail address", () => {
  it('spells an accented name in plain letters instead of dropping them', () => {
    expect(demoEmailAddress('Amelia', 'Müller', 153, 'Harbor Finance GmbH')).toBe(
      'amelia.muller153@harbor-finance.example',
    );
    expect(demoEmailAddress('José', 'Ñúñez', 7, 'Maple Travel')).toBe(
      'jose.nunez7@maple-travel.example',
    );
  });

  it('writes the letters that do not come apart as a reader types them (ß ss, ø o, æ ae, ł l)', () => {
    expect(demoEmailAddress('Søren', 'Strauß', 1, 'Acme')).toBe('soren.strauss1@acme.example');
    expect(demoEmailAddress('Ærin', 'Łukasz', 2, 'Acme')).toBe('aerin.lukasz2@acme.example');
  });

  it('leaves out what is no letter (a hyphen, a space, an apostrophe)', () => {
    expect(demoEmailAddress('Mary Ann', "O'Brien-Smith", 3, 'Acme')).toBe(
      'maryann.obriensmith3@acme.example',
    );
  });
});
