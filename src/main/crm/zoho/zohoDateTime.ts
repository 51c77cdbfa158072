/** Zoho wants an ISO 8601 date-time with an offset, to the second. */
export function zohoDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
