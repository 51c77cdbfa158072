/** A `tel:` link the OS accepts (the desktop app lets only a plain number through). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
