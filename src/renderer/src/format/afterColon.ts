/**
 * Words a core message may begin with that are capitalised only because they begin it. After a
 * screen's own opening ("Anna Weber is not marked: …") they read in lower case. Proper nouns
 * (Zoho, Contact Window, a person's, a module's or a day's name) are not here and keep their
 * capital; so does any word not listed: a capital too many reads better than a name lowered.
 */
const COMMON_FIRST_WORDS = new Set([
  'a',
  'after',
  'all',
  'an',
  'another',
  'bad',
  'before',
  'both',
  'can',
  'cannot',
  'check',
  'choose',
  'connect',
  'could',
  'each',
  'enter',
  'every',
  'everything',
  'expected',
  'failed',
  'free',
  'give',
  'giving',
  'here',
  'if',
  'invalid',
  'it',
  'its',
  'missing',
  'move',
  'no',
  'nobody',
  'none',
  'not',
  'nothing',
  'once',
  'one',
  'only',
  'open',
  'pick',
  'restore',
  'say',
  'signed',
  'since',
  'some',
  'someone',
  'something',
  'that',
  'the',
  'their',
  'there',
  'these',
  'they',
  'this',
  'those',
  'today',
  'tomorrow',
  'try',
  'unexpected',
  'unknown',
  'wait',
  'waiting',
  'what',
  'when',
  'which',
  'while',
  'who',
  'why',
  'yesterday',
  'you',
  'your',
]);

/**
 * A screen's opening and a message from the core joined into one sentence: "Anna Weber is not
 * marked: the disk holding … is full". The message's first letter is lowered only when its first
 * word is a common one (COMMON_FIRST_WORDS); "Zoho refused …" stays as it is.
 */
export function afterColon(opening: string, message: string): string {
  const first = /^([A-Z][a-z]*)(?![\p{L}\p{N}])/u.exec(message)?.[1];
  const lowered =
    first !== undefined && COMMON_FIRST_WORDS.has(first.toLowerCase())
      ? `${message.charAt(0).toLowerCase()}${message.slice(1)}`
      : message;
  return `${opening}: ${lowered}`;
}
