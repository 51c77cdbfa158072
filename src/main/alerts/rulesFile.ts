import { z } from 'zod';
import { alertRuleSchema, type AlertRule } from '../../shared/alertsContract';
import { excerpt } from '../../shared/excerpt';
import { parseBusinessHours } from '../besttime/model/businessHours';
import { DEFAULT_COOLDOWN_MINUTES } from './alertRules';
import { AlertInputError } from './pageViewsCsv';

/**
 * The `alerts` command's rules file:
 * `{"rules": [{"name", "categories", "owner", "page"?, "min_score"?, "returning"?}],
 *   "cooldown_minutes"?: 60, "working_hours"?: "Mon-Fri 08:00-20:00"}`.
 */
export interface RulesFile {
  rules: AlertRule[];
  cooldownMinutes: number | null;
  workingHours: string | null;
}

const TOP_KEYS = ['rules', 'cooldown_minutes', 'working_hours'];
/** The file's field names and the rule's. */
const RULE_KEYS: Record<string, keyof AlertRule> = {
  name: 'name',
  categories: 'categories',
  owner: 'owner',
  page: 'page',
  min_score: 'minScore',
  returning: 'returning',
};
const FILE_NAME_OF: Record<string, string> = Object.fromEntries(
  Object.entries(RULE_KEYS).map(([file, rule]) => [rule, file]),
);

/**
 * A rule as the file gives it. The app takes a lowest score below 0 (SalesIQ subtracts points
 * too); the file keeps refusing one in the words it always had: the command's stderr and exit
 * code are a fixed interface.
 */
const fileRuleSchema = alertRuleSchema.extend({
  minScore: z
    .number({ error: 'a lowest score is a number from 0 (visitor scores start at 0)' })
    .min(0, 'a lowest score is 0 or more: visitor scores start at 0')
    .max(1_000_000, 'a lowest score is at most 1,000,000')
    .optional(),
});

type Path = (string | number)[];

/**
 * The line each value of a JSON text starts on, by path ("rules.1.owner"): only read when a
 * rule is refused, to say where it is.
 */
function valueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const space = (): void => {
    while (i < text.length && /\s/.test(text[i] ?? '')) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: Path): void => {
    space();
    lines.set(path.join('.'), line);
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      while (i < text.length && text[i] !== '}') {
        const key = string();
        space();
        i++; // the colon
        value([...path, key]);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (ch === '[') {
      i++;
      let index = 0;
      space();
      while (i < text.length && text[i] !== ']') {
        value([...path, index++]);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (ch === '"') string();
    else while (i < text.length && !/[\s,\]}]/.test(text[i] ?? '')) i++;
  };
  value([]);
  return lines;
}

/** Reads and checks a rules file; throws AlertInputError naming the line and the problem. */
export function parseRulesFile(label: string, text: string): RulesFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    // "Unexpected end of JSON input" has no position: the file ends too soon, on its last line.
    const end = /Unexpected end/.test(message) ? text.length : null;
    const position = at ? Number(at[1]) : end;
    const line = position !== null ? text.slice(0, position).split('\n').length : null;
    throw new AlertInputError(
      `${label}${line ? ` line ${line}` : ''}: not JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`,
    );
  }
  function fail(path: Path, problem: string): never {
    // A key left out has no line of its own: the object that lacks it has.
    const lines = valueLines(text);
    let line: number | undefined;
    for (let n = path.length; n > 0 && line === undefined; n--)
      line = lines.get(path.slice(0, n).join('.'));
    throw new AlertInputError(`${label}${line ? ` line ${line}` : ''}: ${problem}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    fail([], 'expected an object like {"rules": [...]}');
  const top = parsed as Record<string, unknown>;
  for (const key of Object.keys(top))
    if (!TOP_KEYS.includes(key))
      fail([key], `unknown field "${excerpt(key)}" (expected ${TOP_KEYS.join(', ')})`);
  if (!Array.isArray(top['rules'])) fail(['rules'], '"rules" must be a list of rules');
  const rules: AlertRule[] = [];
  const names = new Set<string>();
  (top['rules'] as unknown[]).forEach((raw, index) => {
    const where = `rules[${index}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      fail(['rules', index], `${where} must be an object with name, categories and owner`);
    const input = raw as Record<string, unknown>;
    const named = typeof input['name'] === 'string' ? ` ("${excerpt(input['name'], 60)}")` : '';
    const rule: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      const field = RULE_KEYS[key];
      if (!field)
        fail(
          ['rules', index, key],
          `${where}${named}: unknown field "${excerpt(key)}" (expected ${Object.keys(RULE_KEYS).join(', ')})`,
        );
      rule[field] = value;
    }
    const checked = fileRuleSchema.safeParse(rule);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = String(issue?.path[0] ?? '');
      const fileField = FILE_NAME_OF[field] ?? field;
      const path: Path = ['rules', index, ...(fileField ? [fileField] : [])];
      if (issue && issue.path.length > 1) path.push(...issue.path.slice(1).map((p) => p as number));
      fail(
        path,
        `${where}${named}${fileField ? `.${fileField}` : ''}: ${issue?.message ?? 'not a rule'}`,
      );
    }
    const key = checked.data.name.toLowerCase();
    if (names.has(key))
      fail(['rules', index, 'name'], `${where}: a second rule named "${checked.data.name}"`);
    names.add(key);
    rules.push(checked.data);
  });
  const cooldown = top['cooldown_minutes'];
  if (
    cooldown !== undefined &&
    !(
      typeof cooldown === 'number' &&
      Number.isInteger(cooldown) &&
      cooldown >= 0 &&
      cooldown <= 1440
    )
  )
    fail(
      ['cooldown_minutes'],
      `cooldown_minutes must be whole minutes from 0 to 1440 (default ${DEFAULT_COOLDOWN_MINUTES}), got ${excerpt(cooldown)}`,
    );
  const hours = top['working_hours'];
  if (hours !== undefined && typeof hours !== 'string')
    fail(['working_hours'], 'working_hours must be text like "Mon-Fri 08:00-20:00"');
  if (typeof hours === 'string') {
    try {
      parseBusinessHours(hours);
    } catch (error) {
      fail(['working_hours'], `working_hours: ${(error as Error).message}`);
    }
  }
  return {
    rules,
    cooldownMinutes: typeof cooldown === 'number' ? cooldown : null,
    workingHours: typeof hours === 'string' ? hours : null,
  };
}
