import { describe, expect, it } from 'vitest';
import { shiftsOf, toCrmUsers } from '../../../src/main/crm/zoho/zohoOrgSettings';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

describe("Zoho's shift hours, read as the week a shift's users work", () => {
  it('takes each day its own times when they differ, and breaks out of the days they fall on', () => {
    const [shift] = shiftsOf(
      {
        shift_hours: [
          {
            id: 's1',
            name: 'Tokyo office',
            timezone: 'Asia/Tokyo',
            shift_days: WEEKDAYS,
            same_as_everyday: false,
            daily_timing: null,
            custom_timing: [
              { days: 'Monday', shift_timing: ['09:00', '18:00'] },
              { days: 'Saturday', shift_timing: ['10:00', '14:00'] },
            ],
            break_hours: [
              {
                id: 'b1',
                break_days: ['Monday', 'Saturday'],
                same_as_everyday: false,
                custom_timing: [
                  { days: 'Monday', break_timing: ['12:00', '13:00'] },
                  // A break at the end of a day shortens it.
                  { days: 'Saturday', break_timing: ['13:30', '14:00'] },
                ],
              },
            ],
            users: null,
          },
        ],
      },
      'Europe/Berlin',
    );
    expect(shift).toEqual({
      id: 's1',
      name: 'Tokyo office',
      timeZone: 'Asia/Tokyo',
      hours: {
        days: [
          [
            [540, 720],
            [780, 1080],
          ],
          [],
          [],
          [],
          [],
          [[600, 810]],
          [],
        ],
      },
    });
  });

  it('works a shift ending at midnight to the end of the day, in the organisation’s zone if Zoho’s is unknown', () => {
    const [shift] = shiftsOf(
      {
        shift_hours: [
          {
            id: 's2',
            name: 'Evening',
            timezone: 'GMT+05:30',
            shift_days: ['Sunday'],
            same_as_everyday: true,
            daily_timing: ['16:00', '00:00'],
          },
        ],
      },
      'Europe/Berlin',
    );
    expect(shift?.timeZone).toBe('Europe/Berlin');
    expect(shift?.hours.days[6]).toEqual([[960, 1440]]);
  });

  it('runs a night shift over midnight into the next day, Sunday night into Monday', () => {
    const [shift] = shiftsOf(
      {
        shift_hours: [
          {
            id: 'night',
            name: 'Nights',
            timezone: 'Europe/Berlin',
            shift_days: ['Friday', 'Sunday'],
            same_as_everyday: true,
            daily_timing: ['22:00', '06:00'],
          },
        ],
      },
      'UTC',
    );
    expect(shift?.hours.days).toEqual([
      [[0, 360]],
      [],
      [],
      [],
      [[1320, 1440]],
      [[0, 360]],
      [[1320, 1440]],
    ]);
  });

  it('names the shift hours, not the business hours, for a time that is none', () => {
    expect(() =>
      shiftsOf(
        { shift_hours: [{ id: 's', shift_days: ['Monday'], daily_timing: ['9am', '17:00'] }] },
        'UTC',
      ),
    ).toThrow('Zoho answered the shift hours with a time that is none: "9am"');
  });

  it('reads no shifts from an answer with no content (204)', () => {
    expect(shiftsOf(null, 'UTC')).toEqual([]);
  });

  it.each([
    [{ shift_hours: {} }, /no list of shifts/],
    [{ shift_hours: [{ name: 'No id' }] }, /a shift without an id/],
    [
      { shift_hours: [{ id: 's', shift_days: 'Monday' }] },
      /shift s's days or times that are not lists/,
    ],
    [
      {
        shift_hours: [
          { id: 's', break_hours: [{ break_days: ['Monday'], daily_timing: '12:00' }] },
        ],
      },
      /shift s's break hours that are not lists/,
    ],
  ])('names an answer Zoho does not document: %j', (body, named) => {
    expect(() => shiftsOf(body, 'UTC')).toThrow(named);
  });

  it('knows who works which shift from the users list ($current_shift), and who works none', () => {
    const users = toCrmUsers(
      [
        { id: 'u1', full_name: 'In a shift', $current_shift: { id: 's1', name: 'Tokyo office' } },
        { id: 'u2', full_name: 'In none', $current_shift: null },
        { id: 'u3', full_name: 'Not said' },
      ],
      'UTC',
    );
    expect(users.map((u) => u.shiftId)).toEqual(['s1', null, null]);
  });
});
