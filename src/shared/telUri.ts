// Numbers as CRMs hold them: "+1 415 555 0100 ext. 23", "+44 (0)20 7946 0958", "030/1234567".
/** An extension written after the number: "ext. 23", "extension 23", "x23", "#23", ";ext=23". */
const EXTENSION = /^(.*?)[\s,]*(?:;ext=|ext(?:ension)?\.?|x|#)\s*(\d{1,10})\s*$/i;
/** What a number may hold besides digits: a leading +, spaces, brackets, dots, slashes, dashes. */
const NUMBER = /^\+?[\d\s()./-]+$/;

/**
 * The `tel:` URI (RFC 3966) for a phone number as the CRM holds it, or null when it is no number.
 * Digits and a leading + only; an international number's "(0)" is the trunk prefix dialled only
 * from inside the country, so it goes; an extension becomes ";ext=", never more digits to dial.
 */
export function telUri(phone: string): string | null {
  const text = phone.trim();
  const ext = EXTENSION.exec(text);
  let number = (ext ? ext[1] : text) ?? '';
  if (!NUMBER.test(number)) return null;
  const international = number.startsWith('+');
  if (international) number = number.replace(/\(\s*0\s*\)/g, '');
  const digits = number.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 20) return null;
  return `tel:${international ? '+' : ''}${digits}${ext ? `;ext=${ext[2]}` : ''}`;
}
