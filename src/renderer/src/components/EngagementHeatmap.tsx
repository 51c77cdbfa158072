import { useMemo, useState } from 'react';
import { DateTime } from 'luxon';
import type { TimelineItem } from '@shared/contract';
import { heatmapCaption } from '../format/heatmapCaption';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
type Filter = 'all' | 'call' | 'email';

/** Weekday × hour of the person's engagement, in their own local time (PL: person page). */
export function EngagementHeatmap({
  items,
  zone,
  zoneText,
}: {
  items: TimelineItem[];
  zone: string;
  /** The zone as the page names it (zoneLabel). */
  zoneText: string;
}): React.JSX.Element {
  const [filter, setFilter] = useState<Filter>('all');
  const { cells, max, total } = useMemo(() => {
    const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    let count = 0;
    for (const item of items) {
      // A call nobody answered is not engagement (BT-12).
      if (!item.signal || item.signal === 'call_no_answer' || item.status !== 'completed') continue;
      if (filter !== 'all' && item.channel !== filter) continue;
      const t = DateTime.fromMillis(item.startAt, { zone });
      const row = grid[t.weekday - 1];
      if (row) row[t.hour] = (row[t.hour] ?? 0) + 1;
      count++;
    }
    return { cells: grid, max: Math.max(1, ...grid.flat()), total: count };
  }, [items, zone, filter]);

  return (
    <div className="heatmap-wrap">
      <div className="card-head">
        <span className="subtle">{heatmapCaption(total, zoneText)}</span>
        <div className="segmented" role="group" aria-label="Heatmap channel">
          {(['all', 'call', 'email'] as const).map((f) => (
            <button key={f} aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {f}
            </button>
          ))}
        </div>
      </div>
      <table className="heatmap" aria-label="Engagement by weekday and hour">
        <thead>
          <tr>
            <th />
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col">
                {h % 3 === 0 ? h : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((row, d) => (
            <tr key={DAYS[d]}>
              <th scope="row">{DAYS[d]}</th>
              {row.map((n, h) => (
                <td
                  key={h}
                  title={`${DAYS[d]} ${String(h).padStart(2, '0')}:00 — ${n} signal${n === 1 ? '' : 's'}`}
                  className={n ? `heat heat-${Math.min(4, Math.ceil((n / max) * 4))}` : 'heat'}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
