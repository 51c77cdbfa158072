/**
 * What a developer may change from outside when starting the app: the renderer's dev server
 * (electron-vite sets ELECTRON_RENDERER_URL) and the database file (`--db=`, used by the
 * Electron e2e test). A packaged app obeys neither: anyone able to start the signed app could
 * otherwise point it at their own page, which would then be answered by the core as the app's
 * own, or at a database of their choosing.
 */

/** The dev server's URL while developing; undefined in a packaged app or when none is set. */
export function devRendererUrl(
  env: Record<string, string | undefined>,
  isPackaged: boolean,
): string | undefined {
  if (isPackaged) return undefined;
  return env['ELECTRON_RENDERER_URL'] || undefined;
}

/** The database named by `--db=` while developing; null means the one in the userData folder. */
export function devDatabasePath(argv: readonly string[], isPackaged: boolean): string | null {
  if (isPackaged) return null;
  const flag = argv.find((a) => a.startsWith('--db='));
  return flag ? flag.slice('--db='.length) || null : null;
}
