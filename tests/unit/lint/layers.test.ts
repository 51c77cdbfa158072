import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Each probe is a one-line file placed in a layer and linted with the project's own
// eslint.config.js: a forbidden edge must be reported by the named rule, an allowed one not at all.

// No trailing slash: the TypeScript resolver then fails to match @main/@shared paths.
const cwd = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const eslint = new ESLint({ cwd });

const PATHS = 'import-x/no-restricted-paths';
const IMPORTS = 'no-restricted-imports';
const TYPE_IMPORTS = '@typescript-eslint/no-restricted-imports';

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
