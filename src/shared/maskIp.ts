const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}(?::\d+)?$/;

/**
 * Keeps the network, drops the host: enough to tell visits apart, not to identify anyone.
 * IPv4 keeps three octets ("203.0.113.xxx", a port dropped); IPv6 at most its first three groups
 * before any "::" (so "2001::5" is "2001:…", not itself); an IPv4 inside IPv6 as IPv4.
 */
export function maskIp(ip: string | null): string | null {
  if (!ip) return null;
  const text = ip.trim();
  const v4 = V4.exec(text);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.xxx`;
  // "[2001:db8::1]:443" is the address in brackets, then a port.
  const v6 = text.replace(/^\[([^\]]*)\](?::\d+)?$/, '$1');
  if (!v6.includes(':')) return '…';
  const mapped = /:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(v6);
  if (mapped?.[1]) return maskIp(mapped[1]);
  const head = (v6.split('::')[0] ?? '').split(':').filter(Boolean).slice(0, 3);
  return head.length > 0 ? `${head.join(':')}:…` : '…';
}
