// better-sqlite3 is a native module: Node (tests, CLI, web host) and Electron (the desktop app)
// need different builds of it. This script makes sure the one installed fits what runs next,
// and rebuilds only when it does not, so `npm start` and `npm test` can follow each other.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const target = process.argv[2];
const marker = new URL('../node_modules/.cw-native-target', import.meta.url);
const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : 'node';

function loadsInNode() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch {
    return false;
  }
}

if (target === 'node') {
  if (current === 'node' && loadsInNode()) process.exit(0);
  console.error('Rebuilding better-sqlite3 for Node.js (it was built for Electron)…');
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
  writeFileSync(marker, 'node\n');
} else if (target === 'electron') {
  let electronPath = null;
  try {
    electronPath = require('electron');
  } catch {
    electronPath = null;
  }
  if (typeof electronPath !== 'string' || !existsSync(electronPath)) {
    console.error(
      'The Electron binary is not installed (was npm ci run with ELECTRON_SKIP_BINARY_DOWNLOAD=1?).\n' +
        'Run `npm ci` without it to get the desktop app, or `npm run web` to use the app in a browser.',
    );
    process.exit(1);
  }
  if (current === 'electron') process.exit(0);
  console.error('Building better-sqlite3 for Electron (once)…');
  execSync('npx electron-builder install-app-deps', { stdio: 'inherit' });
  writeFileSync(marker, 'electron\n');
} else {
  console.error('usage: node scripts/native-deps.mjs node|electron');
  process.exit(2);
}
