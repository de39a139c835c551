import {
  type DayOfWeek,
  type HoursException,
  hoursExceptionsFrom,
  isValidTimeZone,
  type LocationHours,
  type OpeningInterval,
  openStatusAt,
  weeklyHours,
} from '../../src/locations/opening-hours';

const WEEKDAYS: DayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
const ALL_WEEK: DayOfWeek[] = [...WEEKDAYS, 'SATURDAY', 'SUNDAY'];

function hours(days: DayOfWeek[], ...spans: [string, string][]): OpeningInterval[] {
  return days.flatMap((day) => spans.map(([opens, closes]) => ({ day, opens, closes })));
}

function office(openingHours: OpeningInterval[], overrides: Partial<LocationHours> = {}): LocationHours {
  return { openingHours, hoursExceptions: [], timezone: 'America/New_York', ...overrides };
}

const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Monday to Friday 8:00 AM to 5:00 PM in Lexington, Kentucky (Eastern time). */
const lexington = office(hours(WEEKDAYS, ['08:00', '17:00']));
/** Every day 8:00 AM to 5:00 PM, so the very days of the clock changes have hours. */
const everyDay = office(hours(ALL_WEEK, ['08:00', '17:00']));

describe('weekly opening hours', () => {
  it('lists the seven days from Monday to Sunday, a day without hours as closed', () => {
    const week = weeklyHours(hours(['MONDAY', 'WEDNESDAY'], ['08:00', '17:00']));
    expect(week.map((day) => day.day)).toEqual(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']);
    expect(week[0]).toEqual({ day: 'MONDAY', intervals: [{ opens: '08:00', closes: '17:00' }], closed: false });
    expect(week[1]).toEqual({ day: 'TUESDAY', intervals: [], closed: true });
  });

  it("lists a day's intervals in order, with a lunch break between them", () => {
    const week = weeklyHours([
      { day: 'MONDAY', opens: '13:00', closes: '17:00' },
      { day: 'MONDAY', opens: '08:00', closes: '12:00' },
    ]);
    expect(week[0].intervals).toEqual([
      { opens: '08:00', closes: '12:00' },
      { opens: '13:00', closes: '17:00' },
    ]);
  });

  it('joins intervals that overlap or touch into one opening', () => {
    const week = weeklyHours([
      { day: 'MONDAY', opens: '08:00', closes: '12:00' },
      { day: 'MONDAY', opens: '12:00', closes: '15:00' },
      { day: 'MONDAY', opens: '14:00', closes: '17:00' },
    ]);
    expect(week[0].intervals).toEqual([{ opens: '08:00', closes: '17:00' }]);
  });

  it('accepts 24:00 as the end of the day', () => {
    expect(weeklyHours(hours(['FRIDAY'], ['18:00', '24:00']))[4].intervals).toEqual([{ opens: '18:00', closes: '24:00' }]);
  });

  it('ignores malformed intervals instead of failing', () => {
    const malformed = [
      { day: 'MONDAY', opens: '8:00', closes: '17:00' },
      { day: 'MONDAY', opens: '09:00', closes: '25:00' },
      { day: 'MONDAY', opens: '24:00', closes: '24:00' },
      { day: 'MONDAY', opens: '17:00', closes: '08:00' },
      { day: 'MONDAY', opens: '10:00', closes: '10:00' },
      { day: 'MONDAY', opens: '10:60', closes: '11:00' },
      { day: 'MONDAY', opens: null, closes: '11:00' },
      { day: 'FUNDAY', opens: '08:00', closes: '17:00' },
      null,
      'closed',
      { day: 'TUESDAY', opens: '08:00', closes: '17:00' },
    ] as unknown as OpeningInterval[];
    const week = weeklyHours(malformed);
    expect(week[0]).toEqual({ day: 'MONDAY', intervals: [], closed: true });
    expect(week[1].intervals).toEqual([{ opens: '08:00', closes: '17:00' }]);
  });

  it('says unknown, not closed, for every day of an office without any weekly hours', () => {
    for (const none of [null, [], [{ day: 'MONDAY', opens: 'eight', closes: '17:00' }] as unknown as OpeningInterval[]]) {
      expect(weeklyHours(none).map((day) => day.closed)).toEqual([null, null, null, null, null, null, null]);
    }
  });
});

describe('dated exceptions', () => {
  const exceptions: HoursException[] = [
    { date: '2026-12-25', closed: true, intervals: [{ opens: '08:00', closes: '12:00' }], note: 'Christmas Day' },
    { date: '2026-11-26', closed: true, intervals: [], note: 'Thanksgiving Day' },
    { date: '2026-12-24', closed: false, intervals: [{ opens: '08:00', closes: '12:00' }], note: '' },
    { date: '2026-02-30', closed: true, intervals: [] },
    { date: 'tomorrow', closed: true, intervals: [] },
  ];

  it('lists well-formed exceptions by date, with no hours on a closed date', () => {
    expect(hoursExceptionsFrom(exceptions)).toEqual([
      { date: '2026-11-26', closed: true, intervals: [], note: 'Thanksgiving Day' },
      { date: '2026-12-24', closed: false, intervals: [{ opens: '08:00', closes: '12:00' }], note: null },
      { date: '2026-12-25', closed: true, intervals: [], note: 'Christmas Day' },
    ]);
  });

  it('lists only the exceptions from a given date on', () => {
    expect(hoursExceptionsFrom(exceptions, '2026-12-24').map((exception) => exception.date)).toEqual(['2026-12-24', '2026-12-25']);
  });

  it('treats an exception with no valid hours as a closed day', () => {
    expect(hoursExceptionsFrom([{ date: '2026-07-03', closed: false, intervals: [{ opens: '12:00', closes: '09:00' }] }])).toEqual([
      { date: '2026-07-03', closed: true, intervals: [], note: null },
    ]);
  });
});

describe('open status at an instant', () => {
  describe('on an ordinary weekday', () => {
    it('is open at 8:30 AM and says when it closes', () => {
      // Tuesday 2026-01-13, 08:30 EST.
      const status = openStatusAt(lexington, at('2026-01-13T13:30:00Z'));
      expect(status).toMatchObject({ isOpen: true, nextOpensAt: null, localDate: '2026-01-13', localTime: '08:30', label: 'Open until 5:00 PM' });
      expect(iso(status.closesAt)).toBe('2026-01-13T22:00:00.000Z');
      expect(status.todayHours).toEqual([{ opens: '08:00', closes: '17:00' }]);
    });

    it('is closed before opening and opens later the same day', () => {
      const status = openStatusAt(lexington, at('2026-01-13T12:15:00Z'));
      expect(status).toMatchObject({ isOpen: false, closesAt: null, localTime: '07:15', label: 'Closed · opens at 8:00 AM' });
      expect(iso(status.nextOpensAt)).toBe('2026-01-13T13:00:00.000Z');
    });

    it('opens exactly at the opening time and is closed exactly at the closing time', () => {
      expect(openStatusAt(lexington, at('2026-01-13T13:00:00Z')).isOpen).toBe(true);
      const atClosing = openStatusAt(lexington, at('2026-01-13T22:00:00Z'));
      expect(atClosing.isOpen).toBe(false);
      expect(iso(atClosing.nextOpensAt)).toBe('2026-01-14T13:00:00.000Z');
      expect(atClosing.label).toBe('Closed · opens Wednesday 8:00 AM');
    });

    it("reads the local date in the office's zone, not in UTC", () => {
      // 02:00 UTC on Wednesday is still Tuesday evening in Kentucky.
      const status = openStatusAt(lexington, at('2026-01-14T02:00:00Z'));
      expect(status).toMatchObject({ localDate: '2026-01-13', localTime: '21:00', isOpen: false });
    });
  });

  describe('with a lunch break', () => {
    const withLunch = office(hours(WEEKDAYS, ['08:00', '12:00'], ['13:00', '17:00']));

    it('closes for lunch at noon', () => {
      const status = openStatusAt(withLunch, at('2026-01-13T16:00:00Z'));
      expect(status).toMatchObject({ isOpen: true, label: 'Open until 12:00 PM' });
      expect(iso(status.closesAt)).toBe('2026-01-13T17:00:00.000Z');
    });

    it('is closed over lunch and reopens at 1:00 PM', () => {
      const status = openStatusAt(withLunch, at('2026-01-13T17:15:00Z'));
      expect(status).toMatchObject({ isOpen: false, closesAt: null, localTime: '12:15', label: 'Closed · opens at 1:00 PM' });
      expect(iso(status.nextOpensAt)).toBe('2026-01-13T18:00:00.000Z');
      expect(status.todayHours).toEqual([
        { opens: '08:00', closes: '12:00' },
        { opens: '13:00', closes: '17:00' },
      ]);
    });
  });

  describe('over a weekend', () => {
    it("opens next on Monday morning after Friday's closing", () => {
      // Friday 2026-01-16, 17:30 EST.
      const status = openStatusAt(lexington, at('2026-01-16T22:30:00Z'));
      expect(status).toMatchObject({ isOpen: false, closesAt: null, label: 'Closed · opens Monday 8:00 AM' });
      expect(iso(status.nextOpensAt)).toBe('2026-01-19T13:00:00.000Z');
    });

    it('has no hours on Saturday and opens on Monday', () => {
      const status = openStatusAt(lexington, at('2026-01-17T15:00:00Z'));
      expect(status).toMatchObject({ isOpen: false, todayHours: [], label: 'Closed · opens Monday 8:00 AM' });
      expect(iso(status.nextOpensAt)).toBe('2026-01-19T13:00:00.000Z');
    });
  });

  describe('across the spring-forward change in New York (2026-03-08)', () => {
    it('keeps an 8:00 opening at 8:00 local time the day before and the day the clocks change', () => {
      const saturday = openStatusAt(everyDay, at('2026-03-07T13:30:00Z')); // 08:30 EST
      const sunday = openStatusAt(everyDay, at('2026-03-08T12:30:00Z')); // 08:30 EDT
      expect(saturday).toMatchObject({ isOpen: true, localTime: '08:30' });
      expect(sunday).toMatchObject({ isOpen: true, localTime: '08:30' });
      expect(iso(saturday.closesAt)).toBe('2026-03-07T22:00:00.000Z');
      expect(iso(sunday.closesAt)).toBe('2026-03-08T21:00:00.000Z');
    });

    it('is still closed at 7:30 local time on the morning the clocks change', () => {
      const status = openStatusAt(everyDay, at('2026-03-08T11:30:00Z')); // 07:30 EDT
      expect(status).toMatchObject({ isOpen: false, localTime: '07:30', label: 'Closed · opens at 8:00 AM' });
      expect(iso(status.nextOpensAt)).toBe('2026-03-08T12:00:00.000Z');
    });

    it('keeps an 8:00 opening at 8:00 local time on the Monday after the clocks change', () => {
      const before = openStatusAt(lexington, at('2026-02-28T15:00:00Z')); // a Saturday in winter time
      const after = openStatusAt(lexington, at('2026-03-07T15:00:00Z')); // the Saturday before the change
      expect(iso(before.nextOpensAt)).toBe('2026-03-02T13:00:00.000Z');
      expect(iso(after.nextOpensAt)).toBe('2026-03-09T12:00:00.000Z');
      expect(after.label).toBe('Closed · opens Monday 8:00 AM');
    });

    it('opens an interval that starts in the skipped hour when the clocks read 3:30', () => {
      const night = office(hours(['SUNDAY'], ['02:30', '04:00']));
      expect(iso(openStatusAt(night, at('2026-03-08T05:00:00Z')).nextOpensAt)).toBe('2026-03-08T07:30:00.000Z');
    });

    it('skips an interval that lies wholly in the skipped hour', () => {
      const night = office([...hours(['SUNDAY'], ['02:00', '03:00']), ...hours(['MONDAY'], ['08:00', '17:00'])]);
      expect(iso(openStatusAt(night, at('2026-03-08T05:00:00Z')).nextOpensAt)).toBe('2026-03-09T12:00:00.000Z');
    });
  });

  describe('across the fall-back change in New York (2026-11-01)', () => {
    it('keeps an 8:00 opening at 8:00 local time the day before and the day the clocks change', () => {
      const saturday = openStatusAt(everyDay, at('2026-10-31T12:30:00Z')); // 08:30 EDT
      const sunday = openStatusAt(everyDay, at('2026-11-01T13:30:00Z')); // 08:30 EST
      expect(saturday).toMatchObject({ isOpen: true, localTime: '08:30' });
      expect(sunday).toMatchObject({ isOpen: true, localTime: '08:30' });
      expect(iso(saturday.closesAt)).toBe('2026-10-31T21:00:00.000Z');
      expect(iso(sunday.closesAt)).toBe('2026-11-01T22:00:00.000Z');
    });

    it('is still closed at 7:30 local time on the morning the clocks go back', () => {
      const status = openStatusAt(everyDay, at('2026-11-01T12:30:00Z')); // 07:30 EST
      expect(status).toMatchObject({ isOpen: false, localTime: '07:30' });
      expect(iso(status.nextOpensAt)).toBe('2026-11-01T13:00:00.000Z');
    });

    it('keeps an 8:00 opening at 8:00 local time on the Monday after the clocks change', () => {
      expect(iso(openStatusAt(lexington, at('2026-10-24T16:00:00Z')).nextOpensAt)).toBe('2026-10-26T12:00:00.000Z');
      expect(iso(openStatusAt(lexington, at('2026-10-31T16:00:00Z')).nextOpensAt)).toBe('2026-11-02T13:00:00.000Z');
    });

    it('opens a time that happens twice at its first occurrence', () => {
      const night = office(hours(['SUNDAY'], ['01:30', '03:00']));
      const status = openStatusAt(night, at('2026-11-01T04:00:00Z')); // 00:00 EDT
      expect(iso(status.nextOpensAt)).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not 01:30 EST
    });
  });

  describe('in another time zone', () => {
    const chicago = office(hours(WEEKDAYS, ['08:00', '17:00']), { timezone: 'America/Chicago' });

    it('reads the hours of a Chicago office in Central time', () => {
      // 13:30 UTC on Tuesday: 08:30 in Lexington but 07:30 in Chicago.
      expect(openStatusAt(lexington, at('2026-01-13T13:30:00Z'))).toMatchObject({ isOpen: true, localTime: '08:30' });
      const status = openStatusAt(chicago, at('2026-01-13T13:30:00Z'));
      expect(status).toMatchObject({ isOpen: false, localTime: '07:30', label: 'Closed · opens at 8:00 AM' });
      expect(iso(status.nextOpensAt)).toBe('2026-01-13T14:00:00.000Z');
    });

    it("keeps a Chicago office's 8:00 opening after the spring-forward change", () => {
      expect(iso(openStatusAt(chicago, at('2026-03-07T18:00:00Z')).nextOpensAt)).toBe('2026-03-09T13:00:00.000Z');
      expect(openStatusAt(chicago, at('2026-03-09T13:30:00Z'))).toMatchObject({ isOpen: true, localTime: '08:30', label: 'Open until 5:00 PM' });
      expect(iso(openStatusAt(chicago, at('2026-03-09T13:30:00Z')).closesAt)).toBe('2026-03-09T22:00:00.000Z');
    });
  });

  describe('with dated exceptions', () => {
    const withHolidays = office(hours(WEEKDAYS, ['08:00', '17:00']), {
      hoursExceptions: [
        { date: '2026-11-26', closed: true, intervals: [], note: 'Thanksgiving Day' },
        { date: '2026-12-24', closed: false, intervals: [{ opens: '08:00', closes: '12:00' }], note: 'Christmas Eve: closing early' },
        { date: '2026-12-25', closed: true, intervals: [], note: 'Christmas Day' },
        { date: '2026-03-07', closed: false, intervals: [{ opens: '09:00', closes: '13:00' }], note: 'Open Saturday for injections' },
      ],
    });

    it('is closed all day on a holiday, with its note, and opens the next working day', () => {
      const status = openStatusAt(withHolidays, at('2026-11-26T15:00:00Z')); // Thursday 10:00 EST
      expect(status).toMatchObject({ isOpen: false, todayHours: [], note: 'Thanksgiving Day', label: 'Closed · opens Friday 8:00 AM' });
      expect(iso(status.nextOpensAt)).toBe('2026-11-27T13:00:00.000Z');
    });

    it('skips a holiday when looking for the next opening', () => {
      const status = openStatusAt(withHolidays, at('2026-11-25T23:00:00Z')); // Wednesday 18:00 EST
      expect(iso(status.nextOpensAt)).toBe('2026-11-27T13:00:00.000Z');
    });

    it('closes early on a short day and skips the holiday and weekend after it', () => {
      const open = openStatusAt(withHolidays, at('2026-12-24T15:00:00Z')); // Thursday 10:00 EST
      expect(open).toMatchObject({ isOpen: true, label: 'Open until 12:00 PM', note: 'Christmas Eve: closing early' });
      expect(open.todayHours).toEqual([{ opens: '08:00', closes: '12:00' }]);
      const afterNoon = openStatusAt(withHolidays, at('2026-12-24T18:00:00Z'));
      expect(afterNoon).toMatchObject({ isOpen: false, label: 'Closed · opens Monday 8:00 AM' });
      expect(iso(afterNoon.nextOpensAt)).toBe('2026-12-28T13:00:00.000Z');
    });

    it('opens on a day without weekly hours when an exception gives it hours', () => {
      const status = openStatusAt(withHolidays, at('2026-03-07T13:00:00Z')); // Saturday 08:00 EST
      expect(status).toMatchObject({ isOpen: false, label: 'Closed · opens at 9:00 AM' });
      expect(iso(status.nextOpensAt)).toBe('2026-03-07T14:00:00.000Z');
    });

    it('finds an opening two weeks away, but not further', () => {
      const closures = (from: string, days: number): HoursException[] =>
        Array.from({ length: days }, (_, index) => {
          const date = new Date(`${from}T12:00:00Z`);
          date.setUTCDate(date.getUTCDate() + index);
          return { date: date.toISOString().slice(0, 10), closed: true, intervals: [] };
        });
      const twoWeeks = office(hours(ALL_WEEK, ['08:00', '17:00']), { hoursExceptions: closures('2026-07-01', 14) });
      const atJulyFirst = openStatusAt(twoWeeks, at('2026-07-01T16:00:00Z'));
      expect(iso(atJulyFirst.nextOpensAt)).toBe('2026-07-15T12:00:00.000Z');
      expect(atJulyFirst.label).toBe('Closed · opens Wednesday, July 15, 8:00 AM');

      const threeWeeks = office(hours(ALL_WEEK, ['08:00', '17:00']), { hoursExceptions: closures('2026-07-01', 21) });
      expect(openStatusAt(threeWeeks, at('2026-07-01T16:00:00Z'))).toMatchObject({ isOpen: false, nextOpensAt: null, closesAt: null, label: 'Closed' });
    });
  });

  describe('around midnight', () => {
    it('says "Open until midnight" for hours that end at 24:00', () => {
      const evenings = office(hours(['FRIDAY'], ['18:00', '24:00']));
      const status = openStatusAt(evenings, at('2026-01-17T04:00:00Z')); // Friday 23:00 EST
      expect(status).toMatchObject({ isOpen: true, label: 'Open until midnight' });
      expect(iso(status.closesAt)).toBe('2026-01-17T05:00:00.000Z');
    });

    it("follows an opening through midnight into the next day's hours", () => {
      const lateNight = office([...hours(['FRIDAY'], ['18:00', '24:00']), ...hours(['SATURDAY'], ['00:00', '02:00'])]);
      const status = openStatusAt(lateNight, at('2026-01-17T04:00:00Z'));
      expect(status).toMatchObject({ isOpen: true, label: 'Open until Saturday 2:00 AM' });
      expect(iso(status.closesAt)).toBe('2026-01-17T07:00:00.000Z');
    });

    it('is open 24 hours when the hours never end within the search window', () => {
      const allDay = office(hours(ALL_WEEK, ['00:00', '24:00']));
      expect(openStatusAt(allDay, at('2026-03-08T07:30:00Z'))).toMatchObject({ isOpen: true, closesAt: null, nextOpensAt: null, label: 'Open 24 hours' });
    });
  });

  describe('with missing or malformed data', () => {
    it('is UNKNOWN, not closed, when there are no hours at all, with the label it is given', () => {
      const none = office([], { hoursExceptions: null });
      expect(openStatusAt(none, at('2026-01-13T15:00:00Z'))).toMatchObject({
        state: 'UNKNOWN',
        isOpen: null,
        closesAt: null,
        nextOpensAt: null,
        todayHours: [],
        note: null,
        label: 'Call for hours',
      });
      expect(openStatusAt(none, at('2026-01-13T15:00:00Z'), 'Hours by phone').label).toBe('Hours by phone');
    });

    it('without weekly hours, follows a dated exception on its date and is UNKNOWN on the others', () => {
      const holidayOnly = office([], {
        hoursExceptions: [{ date: '2026-01-13', closed: false, intervals: [{ opens: '09:00', closes: '12:00' }], note: 'Clinic day' }],
      });
      expect(openStatusAt(holidayOnly, at('2026-01-13T15:00:00Z'))).toMatchObject({ state: 'OPEN', isOpen: true, note: 'Clinic day' });
      expect(openStatusAt(holidayOnly, at('2026-01-14T15:00:00Z'))).toMatchObject({ state: 'UNKNOWN', isOpen: null });
    });

    it('is OPEN or CLOSED by the hours when there are any', () => {
      const weekdays = office([{ day: 'TUESDAY', opens: '08:00', closes: '17:00' }]);
      expect(openStatusAt(weekdays, at('2026-01-13T15:00:00Z')).state).toBe('OPEN');
      expect(openStatusAt(weekdays, at('2026-01-14T15:00:00Z')).state).toBe('CLOSED');
    });

    it('ignores malformed intervals and exceptions and uses the rest', () => {
      const messy = office(
        [{ day: 'TUESDAY', opens: 'eight', closes: '17:00' }, { day: 'TUESDAY', opens: '08:00', closes: '17:00' }, null as unknown as OpeningInterval],
        { hoursExceptions: [{ date: '2026-13-01', closed: true, intervals: [] }, null as unknown as HoursException] },
      );
      expect(openStatusAt(messy, at('2026-01-13T15:00:00Z'))).toMatchObject({ isOpen: true, label: 'Open until 5:00 PM' });
    });

    it('refuses an invalid instant', () => {
      expect(() => openStatusAt(lexington, new Date('not a date'))).toThrow(RangeError);
    });

    it('tells a known time zone from an unknown one', () => {
      expect(isValidTimeZone('America/Chicago')).toBe(true);
      expect(isValidTimeZone('America/Lexington')).toBe(false);
    });
  });
});
