import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStaticFiles } from '../../../src/main/web/staticFiles';
import { makeTempDir, type TempDir } from '../../fixtures/tempDb';

// The web host reads the renderer's build once at start (web/staticFiles.ts): a build folder
// holding a link back up must not keep the host from starting.
let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('readStaticFiles', () => {
  it('reads a build with a symlinked file as that file, and does not walk a folder linked back up', () => {
    const root = dir.file('build');
    mkdirSync(`${root}/assets`, { recursive: true });
    writeFileSync(`${root}/index.html`, '<!doctype html>');
    writeFileSync(`${root}/assets/app.js`, 'export {};');
    writeFileSync(dir.file('logo.svg'), '<svg/>');
    symlinkSync(dir.file('logo.svg'), `${root}/assets/logo.svg`);
    symlinkSync(root, `${root}/assets/loop`);
    const files = readStaticFiles(root);
    expect([...files.keys()].sort()).toEqual(['assets/app.js', 'assets/logo.svg', 'index.html']);
    expect(files.get('assets/logo.svg')).toMatchObject({ type: 'image/svg+xml' });
    expect(files.get('assets/app.js')?.body.toString()).toBe('export {};');
  });
});
