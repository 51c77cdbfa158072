import { describe, expect, it } from 'vitest';
import { shownName } from '../../src/shared/personName';
import { fullName } from '../../src/main/people/personZone';

describe('shownName: a name as the app shows it', () => {
  it('puts the family name first for a name in kanji, hiragana or katakana, as Zoho Japan shows 姓 名', () => {
    expect(shownName('太郎', '山田')).toBe('山田 太郎');
    expect(shownName('さくら', 'わたなべ')).toBe('わたなべ さくら');
    expect(shownName('ユウキ', 'タナカ')).toBe('タナカ ユウキ');
    expect(shownName('ｼﾞﾛｳ', 'ｽｽﾞｷ')).toBe('ｽｽﾞｷ ｼﾞﾛｳ');
    // Either part in Japanese script is enough.
    expect(shownName('Ken', '伊藤')).toBe('伊藤 Ken');
    expect(shownName('健', 'Ito')).toBe('Ito 健');
  });

  it('keeps "First Last" for everyone else, and the family name alone without a first name', () => {
    expect(shownName('Anna', 'Schmidt')).toBe('Anna Schmidt');
    expect(shownName('Ｋｅｎ', 'Ｉｔｏ')).toBe('Ｋｅｎ Ｉｔｏ');
    expect(shownName('Дмитрий', 'Ёлкин')).toBe('Дмитрий Ёлкин');
    expect(shownName(null, '山田')).toBe('山田');
    expect(shownName('', 'Schmidt')).toBe('Schmidt');
  });

  it('leaves the command line its fixed "First Last"', () => {
    expect(fullName('太郎', '山田')).toBe('太郎 山田');
  });
});
