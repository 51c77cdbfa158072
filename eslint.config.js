import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Every Node builtin, bare ('fs') and prefixed ('node:fs', 'node:fs/promises').
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const electron = ['electron', 'electron/*'];

/** The files that may hold the raw better-sqlite3 connection, each a bulk path with its reason. */
const BULK_PATHS = [
  'src/main/db/openDatabase.ts',
  'src/main/db/sqlRun.ts',
  'src/main/db/bulkHandle.ts',
  'src/main/sync/localStore.ts', // the sync's page upsert
  'src/main/besttime/store/signalEvents.ts', // the model's event load
  'src/main/besttime/store/signalEventPages.ts', // a full relearn's event load, a page of people a query
  'src/main/besttime/store/recomputeWindows.ts', // the windows writer
  'src/main/demo/generateDemo.ts', // the demo generator's bulk insert
  'src/main/sync/touchedPeople.ts', // temporary triggers on this connection
  'src/main/besttime/store/backtestInputs.ts', // temporary triggers on this connection
  'src/main/sync/walCheckpointer.ts', // WAL pragmas
];
/** Kysely runs queries itself (async) only where nothing else runs yet: migrations, at open. */
const KYSELY_EXECUTORS = ['src/main/db/openDatabase.ts', 'src/main/db/migrations/**'];
const RAW_CONNECTION = {
  selector:
    ':matches(ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration, ImportExpression)[source.value=/bulkHandle(\\.[jt]s)?$/]',
  message:
    'The raw connection is for the named bulk paths (eslint.config.js); use a repo in src/main/db/repos through sqlRun.',
};
const KYSELY_EXECUTES = {
  selector:
    "CallExpression[callee.object.type!='ThisExpression'][callee.property.name=/^(execute|executeTakeFirst|executeTakeFirstOrThrow|stream)$/], CallExpression[callee.property.name='transaction'][callee.object.property.name='kysely']",
  message:
    'Run queries through db/sqlRun (synchronous): a query Kysely awaits can interleave with a transaction.',
};

/**
 * "Files in `target` import nothing from src/ except `allowed`" (paths relative to src/).
 * npm libraries resolve outside src/ and are not restricted here.
 */
const onlyFrom = (target, allowed, message) => ({
  target: `src/${target}`,
  from: 'src',
  except: allowed.map((p) => `./${p}`),
  message,
});

/** Files that may name the core's types (`import type`) and import nothing else of it. */
const coreTypesOnly = (files, message) => ({
  files: [files],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [{ group: ['**/core/**', '@main/core/*'], allowTypeImports: true, message }],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      // Deliberately broken files that tests/unit/lint/layers.test.ts lints with `ignore: false`.
      'tests/fixtures/lint-probes/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The layers. import-x's no-restricted-paths works on resolved files, so the @shared/@main
    // aliases and relative paths are judged alike; it also gives one rule (with no-cycle) where
    // eslint-plugin-boundaries would need element types declared for every folder.
    files: ['src/**/*.{ts,tsx}', 'tests/fixtures/lint-probes/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x parses only .js files and no-cycle cannot follow .ts imports.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.node.json', 'tsconfig.web.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            onlyFrom('shared', ['shared'], 'src/shared imports nothing from the rest of src.'),
            onlyFrom(
              'main/besttime/model',
              ['shared', 'main/besttime/model'],
              'The model is pure: it imports only src/shared.',
            ),
            onlyFrom(
              'main/besttime/store',
              [
                'shared',
                'main/db',
                'main/besttime/model',
                'main/besttime/store',
                // signalEvents learns each person in their zone; personZone is the one rule for
                // it (a pure function over the model's zoneInference) and is being unified with
                // the planner's copy: move it to the model then.
                'main/people/personZone.ts',
                // A visit linked to nobody is the person's whose e-mail the visitor gave, as on
                // their page: its chats and page views are their signals. emailMatch is the one
                // rule (and tie-break) for it.
                'main/people/emailMatch.ts',
              ],
              'besttime/store imports only db, besttime/model and shared.',
            ),
            onlyFrom(
              'main/planner',
              [
                'shared',
                'main/db',
                'main/besttime/model',
                'main/planner',
                // The planner shows each person in the same zone as the person page.
                'main/people/personZone.ts',
                // A visitor linked to nobody is the person whose e-mail they gave, as on the
                // Visits page: emailMatch is the one rule for it.
                'main/people/emailMatch.ts',
                // The planner reads the stored windows; windowsCodec is their one decoder.
                'main/besttime/store/windowsCodec.ts',
              ],
              'The planner imports only db, besttime/model and shared.',
            ),
            onlyFrom(
              'main/team',
              [
                'shared',
                'main/db',
                'main/besttime/model',
                'main/planner',
                'main/team',
                // A person's name is worded as the planner and the person page word it.
                'main/people/personZone.ts',
              ],
              'team imports only db, the planner, besttime/model and shared.',
            ),
            onlyFrom(
              'main/people',
              [
                'shared',
                'main/db',
                'main/besttime/model',
                'main/people',
                // The person page shows the stored windows; windowsCodec is their one decoder.
                'main/besttime/store/windowsCodec.ts',
                // It dates the next day's windows as the planner does, held to business hours.
                'main/planner/windowOccurrences.ts',
                // Whether a call today left the person off the rep's plan, as the planner reads it.
                'main/planner/offPlanCalls.ts',
              ],
              'people imports only db, besttime/model, shared and the window helpers.',
            ),
            onlyFrom(
              'main/alerts',
              [
                'shared',
                'main/db',
                'main/besttime/model',
                'main/alerts',
                // The command line's input files: rows, columns and instants as besttime reads them.
                'main/csv',
                // The Best time switches (Settings) say which windows an alert may name.
                'main/settings',
                // An alert names the person's window in their zone, as the planner places it.
                'main/people/personZone.ts',
                // A visitor linked to nobody is the person whose e-mail they gave, as the person
                // page takes them: emailMatch is the one rule (and tie-break) for it.
                'main/people/emailMatch.ts',
                'main/besttime/store/windowsCodec.ts',
                'main/planner/windowOccurrences.ts',
                // A rep's days off hold alerts as they keep the planner's windows off them.
                'main/planner/daysOff.ts',
              ],
              'alerts imports only db, besttime/model, csv, settings, shared and the window helpers.',
            ),
            onlyFrom(
              'main/sync',
              [
                'shared',
                'main/db',
                'main/besttime/model',
                'main/sync',
                // The sync pulls through the CRM source interface, never a concrete CRM.
                'main/crm/crmSource.ts',
                // One queue of event-loop turns for parsing pages (the client) and storing them.
                'main/crm/eventLoopTurns.ts',
                // syncRunner receives the Core it reports to (type only: held below).
                'main/core/createCore.ts',
              ],
              'sync imports only db, besttime/model, shared and the CRM source interface.',
            ),
            onlyFrom(
              'main/crm/zoho',
              [
                'shared',
                'main/crm/zoho',
                'main/crm/crmSource.ts',
                'main/crm/eventLoopTurns.ts',
                // The CRM source interface's org settings carry the model's BusinessHours value.
                'main/besttime/model/businessHours.ts',
              ],
              'crm/zoho imports only the CRM source interface and shared.',
            ),
            onlyFrom(
              'main/electron',
              ['shared', 'main/electron', 'main/core/coreWorkerProtocol.ts', 'main/files'],
              'src/main/electron imports only the core worker protocol (types), shared and main/files.',
            ),
            onlyFrom(
              'main/db',
              ['shared', 'main/db'],
              'db holds the connection, migrations, row types and repos: it imports only shared.',
            ),
            onlyFrom(
              'main/demo',
              [
                'shared',
                'main/demo',
                'main/db',
                'main/besttime/model',
                // The live demo's events are CRM records: the generator speaks the CRM interface's types.
                'main/crm/crmSource.ts',
              ],
              'demo imports only db, besttime/model, shared and the CRM source interface.',
            ),
            onlyFrom(
              'main/web',
              ['shared', 'main/web', 'main/core/createCore.ts'],
              'The web host is a transport: it imports only shared and the core endpoint type.',
            ),
            {
              target: [
                'alerts',
                'besttime',
                'cli',
                'core',
                'crm',
                'db',
                'demo',
                'people',
                'planner',
                'secrets',
                'settings',
                'sync',
                'team',
                'web',
              ].map((f) => `src/main/${f}`),
              from: 'src/main/electron',
              message: 'Only src/main/index.ts wires in the Electron adapters.',
            },
            onlyFrom(
              'renderer',
              ['shared', 'renderer'],
              'The renderer imports only src/shared and itself.',
            ),
            {
              target: 'src/main',
              from: 'src/renderer',
              message: 'The core never imports renderer code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The renderer sees only the shared contract and itself: no Node, no Electron, no core.
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The renderer runs without Node.' })),
          patterns: [
            {
              group: [...electron, 'node:*', '**/main/**', '@main/*'],
              message: 'The renderer imports only src/shared and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'src/shared runs in every process.',
          })),
          patterns: [
            {
              group: [...electron, 'node:*', '**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared imports nothing platform-specific.',
            },
          ],
        },
      ],
    },
  },
  {
    // Electron stays at the edge: only the entry, its adapters and the preload may import it.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: electron,
              message: 'Electron belongs in src/main/electron/ or src/main/index.ts.',
            },
          ],
        },
      ],
    },
  },
  // The Electron adapters talk to the core through messages: they may name its types only.
  coreTypesOnly(
    'src/main/electron/**/*.ts',
    'src/main/electron may import only types from the core.',
  ),
  coreTypesOnly(
    'src/main/sync/**/*.ts',
    'sync may name the Core type only; the core drives the sync, not the reverse.',
  ),
  // The raw better-sqlite3 connection is for the named bulk paths only; everything else runs
  // typed Kysely queries through db/sqlRun (synchronous, so nothing interleaves in a transaction).
  {
    files: ['src/**/*.{ts,tsx}', 'tests/fixtures/lint-probes/**/*.ts'],
    ignores: [...BULK_PATHS, ...KYSELY_EXECUTORS],
    rules: { 'no-restricted-syntax': ['error', RAW_CONNECTION, KYSELY_EXECUTES] },
  },
  {
    files: BULK_PATHS.filter((f) => !KYSELY_EXECUTORS.includes(f)),
    rules: { 'no-restricted-syntax': ['error', KYSELY_EXECUTES] },
  },
  {
    files: KYSELY_EXECUTORS.filter((f) => !BULK_PATHS.includes(f)),
    rules: { 'no-restricted-syntax': ['error', RAW_CONNECTION] },
  },
);
