export type DayOfWeek = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

/** One open interval of a weekday, in the location's local time ("08:00" to "12:00"). */
export interface OpeningInterval {
  day: DayOfWeek;
  opens: string;
  closes: string;
}

/** A date whose hours differ from the weekly hours: closed, or open only in `intervals`. */
export interface HoursException {
  date: string;
  closed: boolean;
  intervals: { opens: string; closes: string }[];
  note?: string | null;
}
