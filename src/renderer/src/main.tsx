// The app's entry is small: it asks for what the first screen waits on (`openingReads`), then
// loads the rest of the app, which the browser fetches, compiles and starts (a few hundred
// milliseconds on a slow machine) while the core answers.
import './api/openingReads';
import { keepWebHostToken } from './api/webHostToken';
import { afterColon } from './format/afterColon';

keepWebHostToken();

import('./startApp').catch((error: unknown) => {
  // Nothing else can say it: the app itself did not load.
  const root = document.getElementById('root');
  if (root)
    root.textContent = afterColon('Contact Window could not start', (error as Error).message);
});
