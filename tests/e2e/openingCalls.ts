/**
 * Every API call the page makes, in order, with whether the app had drawn anything yet (its root
 * element still empty) and whether the entry had imported the app's code yet (`main.tsx` imports
 * it after asking for the opening reads: the import adds the app's stylesheet to the page;
 * index.html only preloads it, and a fake clock empties the page's resource timings, so they
 * cannot say): recorded by wrapping the page's fetch before any of its scripts runs.
 */
export const RECORD_CALLS = `(() => {
  const calls = (window.__calls = []);
  const fetched = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    const method = /\\/api\\/call\\/(\\w+)/.exec(url)?.[1];
    if (method) {
      const root = document.getElementById('root');
      calls.push({
        method,
        drawn: root !== null && root.childElementCount > 0,
        appAsked: document.querySelector('link[rel="stylesheet"][href*="startApp-"]') !== null,
      });
    }
    return fetched(input, init);
  };
})()`;

export interface Call {
  method: string;
  drawn: boolean;
  appAsked: boolean;
}
