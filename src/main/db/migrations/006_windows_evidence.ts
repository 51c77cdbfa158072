/**
 * No table changes: from this version best_time_windows rows hold each window's evidence instead
 * of its worded reason (suggestions/windowsCodec.ts). This version reads both; an older app could
 * not read the new rows, and the version number makes it refuse the file instead.
 */
export async function up(): Promise<void> {
  // Nothing to change.
}
