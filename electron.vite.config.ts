import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { contentSecurityPolicyPlugin } from './scripts/contentSecurityPolicyPlugin';
import { preloadAppPlugin } from './scripts/preloadAppPlugin';

const path = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

const alias = {
  '@shared': path('./src/shared'),
  '@main': path('./src/main'),
  '@renderer': path('./src/renderer/src'),
};

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    resolve: { alias },
    build: {
      rollupOptions: {
        input: { index: path('./src/main/index.ts') },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot require() other files: bundle it into one CommonJS file.
      rollupOptions: {
        input: { index: path('./src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    resolve: { alias },
    // index.html gets the content security policy the web host sends, from one definition, and
    // links that start loading the app's code before the entry asks for it.
    plugins: [react(), contentSecurityPolicyPlugin(), preloadAppPlugin()],
    // A third of the bytes to parse before the planner's first rows.
    build: { minify: 'esbuild' },
  },
});
