/** How a person's name is put together from the CRM's first (given) and last (family) name. */
export type NameOf = (first: string | null, last: string) => string;

// Kanji (with 々 and the compatibility block), hiragana, katakana (with its phonetic extensions)
// and half-width katakana: the scripts Zoho Japan writes 姓 名 in.
const JAPANESE_SCRIPT =
  /[\u3005\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/;

export function inJapaneseScript(text: string): boolean {
  return JAPANESE_SCRIPT.test(text);
}

/**
 * A person's name as the app shows it: family name first when either part is written in
 * Japanese script ("山田 太郎", as Zoho Japan shows 姓 名, and as a Japanese rep says it),
 * "First Last" otherwise. The command line keeps "First Last" for everyone (a fixed interface).
 */
export const shownName: NameOf = (first, last) => {
  if (!first) return last;
  return inJapaneseScript(first) || inJapaneseScript(last)
    ? `${last} ${first}`
    : `${first} ${last}`;
};
