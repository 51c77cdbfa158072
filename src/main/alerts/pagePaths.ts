/**
 * The path of a page URL, as rules match it: "https://example.com/pricing?plan=pro#faq" and
 * "/pricing?plan=pro" are both "/pricing". Neither scheme, host, query nor fragment is matched.
 */
export function urlPath(url: string): string {
  let rest = url.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  const end = rest.search(/[?#]/);
  if (end >= 0) rest = rest.slice(0, end);
  if (!rest.startsWith('/')) rest = `/${rest}`;
  return rest;
}

/**
 * A page pattern as a test on paths: `*` stands for any characters (slashes too, so `/pricing*`
 * takes /pricing, /pricing/teams and /pricing-faq), `?` for one; everything else is literal and
 * case is ignored (marketing sites are not consistent about it). The pattern covers the whole path.
 */
export function pageMatcher(glob: string): (path: string) => boolean {
  let source = '';
  for (const ch of glob.trim()) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`, 'i');
  return (path) => re.test(path);
}
