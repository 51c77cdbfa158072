import { describe, expect, it } from 'vitest';
import { searchFold } from '../../src/shared/searchFold';

describe('searchFold: names as a search compares them', () => {
  it('drops the accents of Latin, Greek and Cyrillic letters, and writes letters without one plainly', () => {
    expect(searchFold('José Müller-Strauß')).toBe('jose muller-strauss');
    expect(searchFold('Łódź Øresund')).toBe('lodz oresund');
    expect(searchFold('Nguyễn')).toBe('nguyen');
    expect(searchFold('Ελένη')).toBe(searchFold('ελενη'));
    expect(searchFold('Ёлкин')).toBe(searchFold('елкин'));
  });

  it('keeps the vowel signs of Devanagari and Thai and the voicing marks of kana: they make other names', () => {
    expect(searchFold('राम')).not.toBe(searchFold('रमा'));
    expect(searchFold('रीना')).not.toBe(searchFold('रूना'));
    expect(searchFold('ガ')).not.toBe(searchFold('カ'));
    expect(searchFold('สมศรี')).not.toBe(searchFold('สมศร'));
    // The same name typed composed or decomposed is the same name.
    expect(searchFold('ガ')).toBe(searchFold('\u30ab\u3099'));
  });

  it('folds katakana, half-width katakana and hiragana to one another', () => {
    expect(searchFold('スズキ')).toBe(searchFold('すずき'));
    expect(searchFold('ｽｽﾞｷ')).toBe(searchFold('すずき'));
    expect(searchFold('ｽｽﾞｷ')).toBe(searchFold('スズキ'));
    expect(searchFold('ヴァイオリン')).toBe(searchFold('ゔぁいおりん'));
    expect(searchFold('ﾊﾟﾝ')).toBe(searchFold('パン'));
  });

  it('keeps a voicing mark on its kana, so a search for スス does not find スズキ', () => {
    expect(searchFold('スズキ').includes(searchFold('スス'))).toBe(false);
    expect(searchFold('ｽｽﾞｷ').includes(searchFold('すす'))).toBe(false);
    expect(searchFold('パン').includes(searchFold('ハ'))).toBe(false);
    expect(searchFold('スズキ').includes(searchFold('スズ'))).toBe(true);
  });

  it('folds Western names as before', () => {
    expect(searchFold('Anna Schmidt')).toBe('anna schmidt');
    expect(searchFold('ＫＥＮ Ｉｔｏ')).toBe('ken ito');
  });
});
