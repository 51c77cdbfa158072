// Only these leave the app, and only through the OS: click-to-call and click-to-email (PL-4).
// A CRM field is not trusted: `x@y?attach=/etc/passwd` or `tel:;rm` must not reach a handler.
// Numbers as CRMs hold them: +81 (3) 1234-5678, 01.23.45.67.89, 030/1234567.
const PHONE = /^\+?[0-9 ()./-]{3,32}$/;
// An extension as RFC 3966 writes it (the renderer's telUri): dialled after the call connects.
const EXTENSION = /;ext=([0-9]{1,10})$/;
// One address: no query, no second address, nothing a mail client could decode into either.
const ADDRESS = /^[^\s@,;:?&%/\\<>"]+@[^\s@,;:?&%/\\<>"']+\.[^\s@,;:?&%/\\<>"']+$/;

/** The URL to hand to the OS, or null when it is anything but a plain number or one address. */
export function externalTarget(url: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return null;
  }
  if (decoded.startsWith('tel:')) {
    const uri = decoded.slice('tel:'.length);
    const ext = EXTENSION.exec(uri);
    const number = ext ? uri.slice(0, ext.index) : uri;
    return PHONE.test(number)
      ? `tel:${number.replace(/[ ()./-]/g, '')}${ext ? `;ext=${ext[1]}` : ''}`
      : null;
  }
  if (decoded.startsWith('mailto:')) {
    const address = decoded.slice('mailto:'.length);
    return ADDRESS.test(address) ? `mailto:${address}` : null;
  }
  return null;
}
