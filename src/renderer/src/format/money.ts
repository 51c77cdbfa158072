/**
 * A deal's amount in its own currency ("$12,500.00", "¥900,000"): one organisation's deals may be
 * in several. With no currency, or a code the browser does not know, the plain number and the code.
 */
export function formatAmount(amount: number, currency: string | null, locale?: string): string {
  if (currency) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
    } catch {
      // An invalid code (RangeError): shown as the CRM holds it.
    }
  }
  const plain = amount.toLocaleString(locale);
  return currency ? `${plain} ${currency}` : plain;
}
