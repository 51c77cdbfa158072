/** Letters that do not come apart into a base letter and a mark, written as a reader would type them. */
const PLAIN: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};

/**
 * Text as a search compares it: lower case, accents dropped, so "muller" finds Müller and "jose"
 * finds José; a rep types names as their keyboard lets them. Only the combining accents of Latin,
 * Greek and Cyrillic letters go: in Devanagari, Thai or kana a mark is a vowel or voicing of its
 * own, and dropping it would make राम find रमा and ガ find カ. Kana are one script to a search:
 * a Japanese name is typed in hiragana or katakana as the writer's IME offers it, so katakana
 * (and half-width katakana, which NFKD widens) fold to hiragana, and a voicing mark is put back
 * on its kana so that "スス" does not find スズキ.
 */
export function searchFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ßøæœđðłıþ]/g, (c) => PLAIN[c] ?? c)
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/[\u3041-\u3096\u309d\u30a1-\u30fa\u30fd][\u3099\u309a]/g, (c) => c.normalize('NFC'));
}
