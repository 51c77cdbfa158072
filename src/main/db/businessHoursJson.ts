/**
 * Business hours as stored in the organisation row: per ISO weekday (1 = Monday), a list of
 * [startMinute, endMinute) intervals in the organisation's time zone. A missing day is closed.
 */
export type BusinessHoursJson = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, [number, number][]>>;
