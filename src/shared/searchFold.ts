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
 * Text as a search compares it: lower case, accents and other marks dropped, so "muller" finds
 * Müller and "jose" finds José; a rep types names as their keyboard lets them.
 */
export function searchFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøæœđðłıþ]/g, (c) => PLAIN[c] ?? c);
}
