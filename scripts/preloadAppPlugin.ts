import type { Plugin } from 'vite';

/**
 * The app's code is loaded by the small entry (main.tsx `import('./startApp')`), so the browser
 * only learned of it once the entry had been fetched and run: a few hundred milliseconds before
 * the first rows on a busy machine with nothing to download. These links in index.html let it
 * fetch and compile the app (and fetch its styles) while the entry asks the core for the first
 * screen's reads. The entry still imports the app itself; the links only start it sooner.
 */
export function preloadAppPlugin(): Plugin {
  let base = './';
  return {
    name: 'contact-window:preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base === '' ? './' : config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const entry = ctx.chunk;
        const bundle = ctx.bundle;
        if (!entry || !bundle) return [];
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const add = (fileName: string): void => {
          const chunk = bundle[fileName];
          if (!chunk || chunk.type !== 'chunk' || scripts.has(fileName)) return;
          scripts.add(fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const dep of chunk.imports) add(dep);
        };
        for (const lazy of entry.dynamicImports) add(lazy);
        // The entry and its own static imports are already loaded by its script tag.
        for (const loaded of [entry.fileName, ...entry.imports]) scripts.delete(loaded);
        return [
          ...[...scripts].map((fileName) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${fileName}` },
            injectTo: 'head' as const,
          })),
          ...[...styles].map((fileName) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `${base}${fileName}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}
