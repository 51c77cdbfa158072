import { readdirSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Each probe is a one-line file placed in a layer and linted with the project's own
// eslint.config.js: a forbidden edge must be reported by the named rule, an allowed one not at all.

// No trailing slash: the TypeScript resolver then fails to match @main/@shared paths.
const cwd = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const eslint = new ESLint({ cwd });

const PATHS = 'import-x/no-restricted-paths';
const IMPORTS = 'no-restricted-imports';
const TYPE_IMPORTS = '@typescript-eslint/no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';

async function lint(filePath: string, code: string): Promise<{ errors: number; rules: string[] }> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned nothing for ${filePath}`);
  return {
    errors: result.errorCount,
    rules: result.messages.map((m) => m.ruleId ?? m.message),
  };
}

describe('layers (eslint.config.js)', () => {
  it.each([
    ['src/shared imports main', 'src/shared/probe.ts', "import '../main/db/openDatabase';", PATHS],
    [
      'src/shared imports main by alias',
      'src/shared/probe.ts',
      "import '@main/db/openDatabase';",
      PATHS,
    ],
    ['src/shared imports a bare Node builtin', 'src/shared/probe.ts', "import 'fs';", IMPORTS],
    [
      'the model imports db',
      'src/main/besttime/model/probe.ts',
      "import '../../db/openDatabase';",
      PATHS,
    ],
    [
      'the model imports the store',
      'src/main/besttime/model/probe.ts',
      "import '../store/windowsCodec';",
      PATHS,
    ],
    [
      'the planner imports electron/main',
      'src/main/planner/probe.ts',
      "import 'electron/main';",
      IMPORTS,
    ],
    ['the planner imports electron', 'src/main/planner/probe.ts', "import 'electron';", IMPORTS],
    [
      'the planner imports the core',
      'src/main/planner/probe.ts',
      "import '../core/createCore';",
      PATHS,
    ],
    [
      'the sync imports a concrete CRM',
      'src/main/sync/probe.ts',
      "import '../crm/zoho/zohoSource';",
      PATHS,
    ],
    [
      'main imports renderer code',
      'src/main/core/probe.ts',
      "import '../../renderer/src/format/time';",
      PATHS,
    ],
    ['the renderer imports bare fs', 'src/renderer/src/probe.ts', "import 'fs';", IMPORTS],
    ['the renderer imports node:fs', 'src/renderer/src/probe.ts', "import 'node:fs';", IMPORTS],
    ['the renderer imports path', 'src/renderer/src/probe.ts', "import 'path';", IMPORTS],
    ['the renderer imports electron', 'src/renderer/src/probe.ts', "import 'electron';", IMPORTS],
    [
      'the renderer imports main',
      'src/renderer/src/probe.ts',
      "import '../../main/db/openDatabase';",
      PATHS,
    ],
    [
      'the renderer imports main by alias',
      'src/renderer/src/probe.ts',
      "import '@main/db/openDatabase';",
      PATHS,
    ],
    ['crm/zoho imports db', 'src/main/crm/zoho/probe.ts', "import '../../db/openDatabase';", PATHS],
    [
      'crm/zoho imports the sync',
      'src/main/crm/zoho/probe.ts',
      "import '../../sync/syncEngine';",
      PATHS,
    ],
    [
      'electron imports core code',
      'src/main/electron/probe.ts',
      "import '../core/createCore';",
      PATHS,
    ],
    [
      'electron imports a value from the core protocol',
      'src/main/electron/probe.ts',
      "export { x } from '../core/coreWorkerProtocol';",
      TYPE_IMPORTS,
    ],
    [
      'the planner reaches for the raw connection',
      'src/main/planner/probe.ts',
      "import { rawHandle } from '../db/bulkHandle';",
      SYNTAX,
    ],
    [
      'the core wires in an Electron adapter',
      'src/main/core/probe.ts',
      "import '../electron/coreClient';",
      PATHS,
    ],
    ['db imports the model', 'src/main/db/probe.ts', "import '../besttime/model/types';", PATHS],
    ['the alerts import the core', 'src/main/alerts/probe.ts', "import '../core/session';", PATHS],
    [
      'the alerts import the sync',
      'src/main/alerts/probe.ts',
      "import '../sync/syncEngine';",
      PATHS,
    ],
    ['the alerts import electron', 'src/main/alerts/probe.ts', "import 'electron';", IMPORTS],
    ['the web host imports db', 'src/main/web/probe.ts', "import '../db/openDatabase';", PATHS],
    [
      'the planner re-exports the raw connection',
      'src/main/planner/probe.ts',
      "export { rawHandle } from '../db/bulkHandle';",
      SYNTAX,
    ],
    [
      'the planner imports the raw connection lazily',
      'src/main/planner/probe.ts',
      "export const load = () => import('../db/bulkHandle.ts');",
      SYNTAX,
    ],
    [
      'the planner lets Kysely execute a query',
      'src/main/planner/probe.ts',
      "import type { Db } from '../db/openDatabase';\nexport const q = (db: Db) => db.kysely.selectFrom('people').selectAll().execute();",
      SYNTAX,
    ],
    [
      'the sync opens a Kysely transaction',
      'src/main/sync/probe.ts',
      "import type { Db } from '../db/openDatabase';\nexport const t = (db: Db) => db.kysely.transaction().execute(async () => undefined);",
      SYNTAX,
    ],
  ])('fails when %s', async (_edge, filePath, code, rule) => {
    const { errors, rules } = await lint(filePath, code);
    expect(errors).toBeGreaterThan(0);
    expect(rules).toContain(rule);
  });

  it.each([
    ['src/shared imports src/shared', 'src/shared/probe.ts', "import './signals';"],
    [
      'the model imports src/shared',
      'src/main/besttime/model/probe.ts',
      "import '../../../shared/signals';",
    ],
    ['the model imports an npm library', 'src/main/besttime/model/probe.ts', "import 'luxon';"],
    ['the planner imports db', 'src/main/planner/probe.ts', "import '../db/schema';"],
    [
      'the planner imports the model',
      'src/main/planner/probe.ts',
      "import '../besttime/model/types';",
    ],
    [
      "the alerts import the planner's window occurrences",
      'src/main/alerts/probe.ts',
      "import '../planner/windowOccurrences';",
    ],
    [
      'the sync imports the CRM source interface',
      'src/main/sync/probe.ts',
      "import '../crm/crmSource';",
    ],
    [
      'crm/zoho imports the CRM source interface',
      'src/main/crm/zoho/probe.ts',
      "import '../crmSource';",
    ],
    [
      'the renderer imports src/shared by alias',
      'src/renderer/src/probe.ts',
      "import '@shared/slotStates';",
    ],
    [
      'electron imports a type from the core protocol',
      'src/main/electron/probe.ts',
      "export type { ToWorker } from '../core/coreWorkerProtocol';",
    ],
    ['the Electron entry imports electron', 'src/main/index.ts', "import 'electron';"],
    [
      "the sync's page upsert reaches for the raw connection",
      'src/main/sync/localStore.ts',
      "export { rawHandle } from '../db/bulkHandle';\nimport { rawHandle as r } from '../db/bulkHandle';\nexport const x = r;",
    ],
    [
      'a migration lets Kysely execute its statements',
      'src/main/db/migrations/probe.ts',
      "import type { Kysely } from 'kysely';\nexport const up = (db: Kysely<unknown>) => db.schema.createTable('t').addColumn('a', 'text').execute();",
    ],
  ])('passes when %s', async (_edge, filePath, code) => {
    expect(await lint(filePath, code)).toEqual({ errors: 0, rules: [] });
  });

  it('fails on an import cycle', async () => {
    // The cycle needs both files on disk; eslint.config.js ignores them, so lint them anyway.
    const unignored = new ESLint({ cwd, ignore: false });
    const filePath = 'tests/fixtures/lint-probes/cycle/cycleA.ts';
    const [result] = await unignored.lintText(readFileSync(resolve(cwd, filePath), 'utf8'), {
      filePath,
    });
    expect(result?.errorCount).toBeGreaterThan(0);
    expect(result?.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });
});

// import-x/no-cycle skips type-only and lazy (`await import()`) imports; the model's old circles
// were made of those. This walks every import in src/ and finds the circles it would miss.
const KNOWN_CIRCLES: string[] = [];

function importGraph(): Map<string, string[]> {
  const files = readdirSync(resolve(cwd, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => `src/${f.replaceAll('\\', '/')}`);
  const known = new Set(files);
  const aliases: Record<string, string> = { '@shared/': 'src/shared/', '@main/': 'src/main/' };
  const target = (from: string, spec: string): string | undefined => {
    const alias = Object.keys(aliases).find((a) => spec.startsWith(a));
    const base = alias
      ? `${aliases[alias]}${spec.slice(alias.length)}`
      : spec.startsWith('.')
        ? posix.join(posix.dirname(from), spec)
        : undefined;
    if (base === undefined) return undefined;
    return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => known.has(f));
  };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(resolve(cwd, file), 'utf8'), true, true);
    const to = info.importedFiles.map((i) => target(file, i.fileName.replace(/\?.*$/, '')));
    graph.set(file, [...new Set(to.filter((t): t is string => t !== undefined))]);
  }
  return graph;
}

/** Strongly connected components of more than one file (Tarjan), each sorted. */
function circles(graph: Map<string, string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[] = [];
  const at = (m: Map<string, number>, k: string): number => m.get(k) ?? 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(at(low, v), at(low, w)));
      } else if (stack.includes(w)) low.set(v, Math.min(at(low, v), at(index, w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w !== undefined) component.push(w);
    } while (w !== undefined && w !== v);
    if (component.length > 1) found.push(component.sort().join(' > '));
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found.sort();
}

describe('import circles in src/, type-only and lazy imports included', () => {
  it('finds none but the known ones', () => {
    expect(circles(importGraph())).toEqual(KNOWN_CIRCLES);
  });

  it('would find one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(circles(graph)).toEqual(['a.ts > b.ts > c.ts']);
  });
});
