/** The most of a bad value an error message repeats: enough to recognise it, never a whole field. */
const EXCERPT_MAX = 200;

/** A value as an error message shows it: JSON, cut to EXCERPT_MAX characters. */
export function excerpt(value: unknown, max = EXCERPT_MAX): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing');
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
