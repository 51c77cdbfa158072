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
 * own, and dropping it would make राम find रमा and ガ find カ.
 */
export function searchFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ßøæœđðłıþ]/g, (c) => PLAIN[c] ?? c);
}
