import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';

/**
 * Alerts a rep's rules raised and the core holds, written before the app starts: a visitor who
 * read the pricing page at `at`, held for `reason` until `deliverAt`, shown as `name` (null: an
 * unknown visitor).
 */
export function holdAlert(
  db: Db,
  alert: {
    userId: string;
    visitorId: string;
    name: string | null;
    at: number;
    reason: 'hours' | 'paused';
    deliverAt: number;
  },
): void {
  rawHandle(db)
    .prepare(
      `insert into alerts (user_id, visitor_id, category, rule, visit_started_at, alert_at,
         created_at, delivery, hold_reason, deliver_at, payload)
       values (?, ?, 'unknown', 'Strangers', ?, ?, ?, 'held', ?, ?, ?)`,
    )
    .run(
      alert.userId,
      alert.visitorId,
      alert.at,
      alert.at,
      alert.at,
      alert.reason,
      alert.deliverAt,
      JSON.stringify({
        name: alert.name,
        company: null,
        email: null,
        phone: null,
        pages: ['https://example.test/pricing'],
        score: null,
        zone: null,
        bestWindow: null,
      }),
    );
}

/** The user paused alerts until `until`, at `at`. */
export function pauseAlerts(db: Db, userId: string, until: number, at: number): void {
  rawHandle(db)
    .prepare(
      `insert into alert_preferences (user_id, paused_until, updated_at) values (?, ?, ?)
       on conflict (user_id) do update set paused_until = excluded.paused_until`,
    )
    .run(userId, until, at);
}
