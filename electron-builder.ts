// electron-builder's configuration. electron-builder finds it by its name (`npm run dist`,
// `npx electron-builder --linux`) and loads it with jiti; tests/unit/packaging/builderConfig.test.ts
// imports it and holds what it promises (the fuses, the targets, what is shipped and unpacked).
import { APP_ID } from './src/shared/appIdentity';

/**
 * Electron's fuses, flipped in the packaged binary before it is signed, so the OS's signature
 * check keeps them flipped. The app needs none of what they turn off: it runs no child Node
 * process (its core is a worker thread), and the window loads app://, never file://.
 */
const electronFuses = {
  // ELECTRON_RUN_AS_NODE cannot turn the signed app into a plain Node.js interpreter.
  runAsNode: false,
  // Chromium's cookie store on disk is encrypted with the OS keychain's key.
  enableCookieEncryption: true,
  // NODE_OPTIONS (e.g. --require of another script) is ignored.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect, --inspect-brk and SIGUSR1 cannot attach a debugger to the main process.
  enableNodeCliInspectArguments: false,
  // app.asar is checked against the hash embedded at packaging (macOS, and Windows since Electron 30).
  enableEmbeddedAsarIntegrityValidation: true,
  // The app's code is read only from app.asar, never from a loose app/ folder beside it.
  onlyLoadAppFromAsar: true,
  // The browser process uses the V8 snapshot every process uses (the app ships no custom one).
  loadBrowserProcessSpecificV8Snapshot: false,
  // file:// pages get no more than a browser gives them; the renderer is served from app://.
  grantFileProtocolExtraPrivileges: false,
};

// `${...}` below are electron-builder's macros, not template literals.
export default {
  appId: APP_ID,
  productName: 'Contact Window',
  copyright: 'Copyright © Contact Window',
  directories: { output: 'dist', buildResources: 'resources' },
  // The app is what electron-vite built, plus the tray images the main process loads at run time
  // (from app.getAppPath(), inside app.asar). electron-builder adds package.json and the
  // production dependencies from node_modules; the patterns trim those too.
  files: [
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    'resources/tray/**',
    '!**/*.map',
    // Bundled into out/renderer by Vite; the main process imports none of them.
    '!node_modules/{react,react-dom,scheduler,zustand,@tanstack}/**',
    // better-sqlite3's SQLite sources and build intermediates: only the compiled module ships.
    '!node_modules/better-sqlite3/{deps,src}/**',
    '!node_modules/better-sqlite3/build/**',
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  ],
  // A native module cannot be loaded from inside an archive: the .node files go beside it, in
  // app.asar.unpacked. Only they do (smartUnpack would unpack better-sqlite3's whole folder,
  // JavaScript too, which the asar integrity check does not cover).
  asar: { smartUnpack: false },
  asarUnpack: ['**/*.node'],
  electronFuses,
  artifactName: '${name}-${version}-${os}-${arch}.${ext}',
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icon.png',
    category: 'Office',
    executableName: 'contact-window',
    synopsis: 'Best time to contact, call planner and hot-visitor alerts for sales reps',
    maintainer: 'Contact Window <support@contact-window.example>',
    vendor: 'Contact Window',
  },
  // electron-builder's default Depends already name what the app uses beyond Electron itself:
  // libsecret-1-0 (the keychain for the CRM sign-in) and libnotify4 (notifications); the tray's
  // libappindicator3-1 is a Recommends.
  deb: { artifactName: '${name}_${version}_${arch}.${ext}' },
  mac: {
    target: 'dmg',
    icon: 'resources/icon.png',
    category: 'public.app-category.business',
    // Required for notarisation; electron-builder's default entitlements let Electron's JIT run.
    hardenedRuntime: true,
  },
  win: {
    target: 'nsis',
    icon: 'resources/icon.png',
  },
  // An assisted installer: installs for the current user without administrator rights (reps
  // rarely have them), and lets IT choose "all users" and the folder instead.
  nsis: {
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Contact Window',
    // Uninstalling keeps the local databases and the sign-in: calls logged but not yet synced
    // must never go with the app.
    deleteAppDataOnUninstall: false,
    artifactName: '${name}-${version}-setup-${arch}.${ext}',
  },
};
