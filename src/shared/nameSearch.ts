import { inJapaneseScript, shownName } from './personName';
import { searchFold } from './searchFold';

/**
 * A name as a search finds it, folded: the name itself and, when it is written in Japanese
 * script, its parts run together and the other way round, so "山田太郎" and "太郎 山田" find
 * 山田 太郎 as "山田 太郎" does (Japanese names are typed without a space as often as with one,
 * and in either order by people used to Western forms). Other names are found only as written,
 * as they always were. Variants are joined by a unit separator, which no query contains.
 */
export function nameSearchText(name: string): string {
  const folded = searchFold(name);
  if (!inJapaneseScript(name)) return folded;
  const parts = folded.split(/\s+/).filter(Boolean);
  if (parts.length < 2) return folded;
  const reversed = [...parts].reverse();
  return [folded, parts.join(''), reversed.join(' '), reversed.join('')].join('\u001f');
}

/**
 * What People's search keeps beside a person's folded fields (first, last, email, company): for a
 * name in Japanese script, a unit separator and the name's forms `nameSearchText` gives; for any
 * other name, nothing, so it is found exactly as before.
 */
export function searchNameOrders(first: string | null, last: string): string {
  const name = shownName(first, last);
  return inJapaneseScript(name) ? `\u001f${nameSearchText(name)}` : '';
}
