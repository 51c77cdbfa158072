import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../../../electron-builder';
import { APP_ENTRY } from '../../../src/main/electron/appProtocol';
import { APP_ID } from '../../../src/shared/appIdentity';
import { readPng, type Png } from './pngFile';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  productName: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

/**
 * Whether a path is shipped under `files`, read the way electron-builder reads the list: in
 * order, a later pattern overriding an earlier one. Production node_modules are added by
 * electron-builder itself, so they count as shipped unless a pattern takes them out.
 */
function shipped(path: string): boolean {
  const globToRegExp = (glob: string): RegExp => {
    let source = '';
    for (let i = 0; i < glob.length; i++) {
      const c = glob[i] ?? '';
      if (glob.startsWith('**/', i)) [source, i] = [`${source}(?:.*/)?`, i + 2];
      else if (glob.startsWith('**', i)) [source, i] = [`${source}.*`, i + 1];
      else if (c === '*') source += '[^/]*';
      else if (c === '{') source += '(?:';
      else if (c === '}') source += ')';
      else if (c === ',') source += '|';
      else source += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${source}$`);
  };
  let included = path.startsWith('node_modules/');
  for (const pattern of config.files) {
    const negated = pattern.startsWith('!');
    if (globToRegExp(negated ? pattern.slice(1) : pattern).test(path)) included = !negated;
  }
  return included;
}

describe('Electron fuses (flipped in the packaged binary)', () => {
  const fuses = config.electronFuses;

  it('sets every fuse electron-builder knows, so none is left to Electron’s default', () => {
    expect(Object.keys(fuses).sort()).toEqual(
      [
        'runAsNode',
        'enableCookieEncryption',
        'enableNodeOptionsEnvironmentVariable',
        'enableNodeCliInspectArguments',
        'enableEmbeddedAsarIntegrityValidation',
        'onlyLoadAppFromAsar',
        'loadBrowserProcessSpecificV8Snapshot',
        'grantFileProtocolExtraPrivileges',
      ].sort(),
    );
  });

  it('refuses to run as Node, NODE_OPTIONS and the --inspect family', () => {
    expect(fuses.runAsNode).toBe(false);
    expect(fuses.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(fuses.enableNodeCliInspectArguments).toBe(false);
  });

  it('encrypts cookies, checks app.asar’s integrity and loads the app from app.asar only', () => {
    expect(fuses.enableCookieEncryption).toBe(true);
    expect(fuses.enableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(fuses.onlyLoadAppFromAsar).toBe(true);
    // Both asar fuses mean nothing, or stop the app from starting, without an archive.
    expect(config.asar).toBeTruthy();
  });

  it('gives file:// pages no extra privileges and uses the common V8 snapshot', () => {
    expect(fuses.grantFileProtocolExtraPrivileges).toBe(false);
    expect(fuses.loadBrowserProcessSpecificV8Snapshot).toBe(false);
  });
});

/** The files under src/ that Electron's main process runs: what index.ts reaches, workers too. */
function electronMainSources(): Map<string, string> {
  const known = new Set(
    readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => `src/${f.replaceAll('\\', '/')}`),
  );
  const aliases: Record<string, string> = { '@shared/': 'src/shared/', '@main/': 'src/main/' };
  const sources = new Map<string, string>();
  const queue = ['src/main/index.ts'];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (sources.has(file)) continue;
    const text = readFileSync(join(root, file), 'utf8');
    sources.set(file, text);
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      const spec = fileName.replace(/\?.*$/, ''); // electron-vite's ?nodeWorker
      const alias = Object.keys(aliases).find((a) => spec.startsWith(a));
      const base = alias
        ? `${aliases[alias]}${spec.slice(alias.length)}`
        : spec.startsWith('.')
          ? posix.join(posix.dirname(file), spec)
          : undefined;
      const target = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find(
        (f) => f !== undefined && known.has(f),
      );
      if (target) queue.push(target);
    }
  }
  return sources;
}

describe('what the fuses turn off, the app does not use', () => {
  const sources = electronMainSources();

  it('walks from the Electron entry to the core worker', () => {
    expect(sources.has('src/main/core/coreWorker.ts')).toBe(true);
  });

  it('serves the window from app://, never from file://, so file:// needs no privileges', () => {
    expect(APP_ENTRY).toMatch(/^app:\/\//);
    const loadsFiles = [...sources].filter(([, text]) => /\bloadFile\(|['"`]file:\/\//.test(text));
    expect(loadsFiles.map(([file]) => file)).toEqual([]);
  });

  it('starts no child Node process (runAsNode off breaks fork); the core is a worker thread', () => {
    const forks = [...sources].filter(([, text]) =>
      /['"](node:)?child_process['"]|ELECTRON_RUN_AS_NODE/.test(text),
    );
    expect(forks.map(([file]) => file)).toEqual([]);
  });

  it('imports none of the renderer-only packages the installer leaves out', () => {
    const left = ['react', 'react-dom', 'scheduler', 'zustand', '@tanstack/'];
    const imports = [...sources].flatMap(([file, text]) =>
      ts
        .preProcessFile(text, true, true)
        .importedFiles.map((i) => i.fileName)
        .filter((spec) =>
          left.some((p) => spec === p || spec.startsWith(p.endsWith('/') ? p : `${p}/`)),
        )
        .map((spec) => `${file}: ${spec}`),
    );
    expect(imports).toEqual([]);
    for (const name of ['react', 'react-dom', 'zustand', '@tanstack/react-virtual'])
      expect(shipped(`node_modules/${name}/package.json`)).toBe(false);
  });
});

describe('installers', () => {
  it('names the app as the operating systems and the data folders know it', () => {
    expect(config.appId).toBe(APP_ID);
    // Electron names the userData folder after package.json's productName, in development too.
    expect(config.productName).toBe('Contact Window');
    expect(packageJson.productName).toBe(config.productName);
  });

  it('builds an AppImage and a deb for Linux, filed under Office, with a maintainer', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('builds a dmg for macOS with the hardened runtime, filed under Business', () => {
    expect(config.mac.target).toBe('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.category).toBe('public.app-category.business');
  });

  it('builds an NSIS installer for Windows that installs without admin rights and keeps the data', () => {
    expect(config.win.target).toBe('nsis');
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('is built by npm run dist: the bundles first, then electron-builder, publishing nothing', () => {
    expect(packageJson.scripts['dist']).toBe(
      'electron-vite build && electron-builder --publish never',
    );
  });
});

describe('what is shipped', () => {
  it('ships the built main, preload and renderer, and the tray images', () => {
    for (const path of [
      'out/main/index.js',
      'out/main/chunks/coreWorker-abc123.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc123.js',
      'resources/tray/trayTemplate@2x.png',
      'resources/tray/overlay-unread.png',
    ])
      expect(shipped(path), path).toBe(true);
  });

  it('ships no tests, benchmarks, sources or source maps', () => {
    for (const path of [
      'tests/unit/packaging/builderConfig.test.ts',
      'tests/crm-server/crmTestServer.ts',
      'bench/run.ts',
      'out/bench/run.mjs',
      'out/e2e/cli/cli.mjs',
      'src/main/index.ts',
      'scripts/make-icons.mjs',
      'out/main/index.js.map',
      'out/renderer/assets/index-abc123.js.map',
      'node_modules/kysely/dist/esm/index.js.map',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/better-sqlite3/src/better_sqlite3.cpp',
      'node_modules/better-sqlite3/build/Release/obj.target/better_sqlite3/src/better_sqlite3.o',
      'node_modules/better-sqlite3/build/Release/test_extension.node',
    ])
      expect(shipped(path), path).toBe(false);
  });

  it('ships better-sqlite3’s compiled module outside the archive and its JavaScript inside', () => {
    const module = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(shipped(module)).toBe(true);
    expect(shipped('node_modules/better-sqlite3/lib/database.js')).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    // Otherwise electron-builder unpacks the module's whole folder, its JavaScript included.
    expect(config.asar.smartUnpack).toBe(false);
    expect(packageJson.dependencies['better-sqlite3']).toBeDefined();
  });
});

const ICON_SIZES: Record<string, number> = {
  'icon.png': 1024,
  ...Object.fromEntries(
    [
      'trayTemplate',
      'trayUnreadTemplate',
      'trayPausedTemplate',
      'tray',
      'tray-unread',
      'tray-paused',
      'overlay-unread',
    ].flatMap((name) => [
      [`tray/${name}.png`, 16],
      [`tray/${name}@2x.png`, 32],
    ]),
  ),
};
const icon = (path: string): Png => readPng(readFileSync(join(root, 'resources', path)));

/** Pixel indexes (not bytes) where two images of one size differ. */
function differing(a: Png, b: Png): { x: number; y: number }[] {
  const found = [];
  for (let i = 0; i < a.width * a.height; i++)
    if ([0, 1, 2, 3].some((c) => a.rgba[i * 4 + c] !== b.rgba[i * 4 + c]))
      found.push({ x: i % a.width, y: Math.floor(i / a.width) });
  return found;
}

describe('icons', () => {
  const generated = mkdtempSync(join(tmpdir(), 'cw-icons-'));
  afterAll(() => rmSync(generated, { recursive: true, force: true }));

  it('has every image as an 8-bit RGBA PNG of its size', () => {
    const committed = readdirSync(join(root, 'resources'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.png'))
      .map((f) => f.replaceAll('\\', '/'));
    expect(committed.sort()).toEqual(Object.keys(ICON_SIZES).sort());
    for (const [path, size] of Object.entries(ICON_SIZES)) {
      const png = icon(path);
      expect([png.width, png.height], path).toEqual([size, size]);
    }
  });

  it('gives every installer the 1024 px app icon (macOS needs 512, Windows 256)', () => {
    for (const os of [config.linux, config.mac, config.win])
      expect(os.icon).toBe('resources/icon.png');
    expect(icon('icon.png').width).toBeGreaterThanOrEqual(512);
  });

  it('draws the macOS tray icons as templates: black, shaped by alpha alone', () => {
    for (const path of Object.keys(ICON_SIZES).filter((p) => p.includes('Template'))) {
      const { rgba } = icon(path);
      const alphas = new Set<number>();
      for (let i = 0; i < rgba.length; i += 4) {
        alphas.add(rgba[i + 3] ?? 0);
        if ((rgba[i + 3] ?? 0) > 0)
          expect([rgba[i], rgba[i + 1], rgba[i + 2]], path).toEqual([0, 0, 0]);
      }
      expect(alphas.has(0) && alphas.has(255), path).toBe(true);
    }
  });

  it('marks the unread and paused variants in the top-right corner and changes nothing else', () => {
    for (const [plain, unread] of [
      ['tray/trayTemplate', 'tray/trayUnreadTemplate'],
      ['tray/tray', 'tray/tray-unread'],
      ['tray/trayTemplate', 'tray/trayPausedTemplate'],
      ['tray/tray', 'tray/tray-paused'],
      ['tray/trayUnreadTemplate', 'tray/trayPausedTemplate'],
      ['tray/tray-unread', 'tray/tray-paused'],
    ])
      for (const at of ['', '@2x']) {
        const [a, b] = [icon(`${plain}${at}.png`), icon(`${unread}${at}.png`)];
        const changed = differing(a, b);
        expect(changed.length, unread).toBeGreaterThan(0);
        expect(
          changed.filter(({ x, y }) => x < a.width / 2 || y >= a.height / 2),
          unread,
        ).toEqual([]);
      }
  });

  it('is exactly what scripts/make-icons.mjs draws', () => {
    execFileSync(process.execPath, [join(root, 'scripts/make-icons.mjs'), '--out', generated], {
      stdio: 'pipe',
    });
    for (const path of Object.keys(ICON_SIZES)) {
      const made = readPng(readFileSync(join(generated, path)));
      expect(differing(icon(path), made).length, path).toBe(0);
    }
  });
});
