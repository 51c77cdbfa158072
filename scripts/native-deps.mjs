// better-sqlite3 is a native module, and Node (tests, CLI, web host) and Electron (the desktop
// app) need different builds of it. The Node build stays where npm put it; the Electron build is
// made once by electron-builder and kept beside it in node_modules/.cw-electron/, which the
// desktop app loads through better-sqlite3's `nativeBinding` option. So `npm start` and
// `npm test` can follow each other in any order without a rebuild.
import { execSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const target = process.argv[2];
const moduleDir = fileURLToPath(new URL('../node_modules/better-sqlite3/', import.meta.url));
const built = `${moduleDir}build/Release/better_sqlite3.node`;
const electronDir = fileURLToPath(new URL('../node_modules/.cw-electron/', import.meta.url));
const electronCopy = `${electronDir}better_sqlite3.node`;

function loadsInNode() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch {
    return false;
  }
}

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

if (target === 'node') {
  if (loadsInNode()) process.exit(0);
  console.error('Rebuilding better-sqlite3 for Node.js…');
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
} else if (target === 'electron') {
  if (!electronBinary()) {
    console.error(
      'The Electron binary is not installed (was npm ci run with ELECTRON_SKIP_BINARY_DOWNLOAD=1?).\n' +
        'Run `npm ci` without it for the desktop app, or `npm run web` to use the app in a browser.',
    );
    process.exit(1);
  }
  if (existsSync(electronCopy)) process.exit(0);
  console.error('Building better-sqlite3 for Electron (once)…');
  execSync('npx electron-builder install-app-deps', { stdio: 'inherit' });
  mkdirSync(electronDir, { recursive: true });
  copyFileSync(built, electronCopy);
  console.error('Restoring the Node.js build of better-sqlite3 for tests and the command line…');
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
} else {
  console.error('usage: node scripts/native-deps.mjs node|electron');
  process.exit(2);
}
