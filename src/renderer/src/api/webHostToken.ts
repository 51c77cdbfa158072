const KEY = 'cw-web-host-token';

/**
 * The web host hands its token over in the first URL. It is kept for this tab only (session
 * storage is per origin, so per port, and per tab) and taken out of the address bar, so it is in
 * neither the history nor a screenshot; it is never a cookie, which every port of 127.0.0.1
 * would receive.
 */
export function keepWebHostToken(): void {
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');
  if (token === null) return;
  window.sessionStorage.setItem(KEY, token);
  params.delete('token');
  const query = params.toString();
  window.history.replaceState(
    null,
    '',
    window.location.pathname + (query ? `?${query}` : '') + window.location.hash,
  );
}

/** The token for a call; a call made while modules load (a prefetch) takes it from the URL. */
export function webHostToken(): string {
  keepWebHostToken();
  return window.sessionStorage.getItem(KEY) ?? '';
}
