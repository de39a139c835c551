/**
 * Opening-hours arithmetic for a location: pure functions over the weekly hours, the dated
 * exceptions and the IANA time zone, so they can be unit-tested without the app.
 *
 * Hours are local wall-clock times. Instants are always computed from a local date and time in
 * the location's zone (never by adding 24 hours to an instant), so a daylight-saving change
 * cannot move an 8:00 opening to 7:00 or 9:00.
 */

export const DayOfWeek = {
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
  SUNDAY: 'SUNDAY',
} as const;

export type DayOfWeek = (typeof DayOfWeek)[keyof typeof DayOfWeek];

/** Monday first, as ISO 8601 and most of the world's opening-hours tables order the week. */
export const DAYS_OF_WEEK: readonly DayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** A span of one day in local time, "08:00" to "12:00"; "24:00" closes at the end of the day. */
export interface TimeInterval {
  opens: string;
  closes: string;
}

/** One open interval of a weekday, in the location's local time ("08:00" to "12:00"). */
export interface OpeningInterval extends TimeInterval {
  day: DayOfWeek;
}

/** A date whose hours differ from the weekly hours: closed, or open only in `intervals`. */
export interface HoursException {
  date: string;
  closed: boolean;
  intervals: TimeInterval[];
  note?: string | null;
}

/** What the hours of a location are made of. */
export interface LocationHours {
  openingHours: readonly OpeningInterval[] | null | undefined;
  hoursExceptions: readonly HoursException[] | null | undefined;
  /** IANA time zone the hours are written in ("America/New_York"). */
  timezone: string;
}

/** The weekly hours of one day, ready to show. */
export interface DailyHours {
  day: DayOfWeek;
  intervals: TimeInterval[];
  /** Null when the office has no weekly hours at all: unknown, not closed. */
  closed: boolean | null;
}

/** Open, closed, or unknown: an office without any published hours is not closed, we just do not know. */
export const OpenState = {
  OPEN: 'OPEN',
  CLOSED: 'CLOSED',
  UNKNOWN: 'UNKNOWN',
} as const;

export type OpenState = (typeof OpenState)[keyof typeof OpenState];

/** The label of an office whose hours are unknown, unless the app's configuration says otherwise. */
export const DEFAULT_UNKNOWN_HOURS_LABEL = 'Call for hours';

/** Whether a location is open at an instant, and what comes next. */
export interface OpenStatus {
  state: OpenState;
  /** Null when the hours are unknown. */
  isOpen: boolean | null;
  /** When the current opening ends; null when closed, or when open throughout the search window. */
  closesAt: Date | null;
  /** The next opening after the instant; null when open, or when none falls in the next 14 days. */
  nextOpensAt: Date | null;
  /** The hours of the local date of the instant (an exception's when one applies). */
  todayHours: TimeInterval[];
  /** Local date of the instant, YYYY-MM-DD. */
  localDate: string;
  /** Local wall-clock time of the instant, HH:MM. */
  localTime: string;
  /** The note of the exception that applies to the local date, if any ("Thanksgiving Day"). */
  note: string | null;
  /** "Open until 5:00 PM", "Closed · opens Monday 8:00 AM". */
  label: string;
}

/** How many days ahead `nextOpensAt` looks (and how far an uninterrupted opening is followed). */
export const OPENING_SEARCH_DAYS = 14;

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date without a zone. */
interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** An interval as minutes since local midnight, 0 <= opens < closes <= 1440. */
interface MinuteInterval {
  opens: number;
  closes: number;
}

// ---------------------------------------------------------------------------------------------
// Parsing and normalizing

/** Minutes since midnight of "HH:MM" ("24:00" only when `endOfDay` is allowed), or null when malformed. */
function parseTime(value: unknown, endOfDay: boolean): number | null {
  if (typeof value !== 'string') return null;
  const match = TIME_PATTERN.exec(value);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return null;
  if (hours === 24 && minutes === 0 && endOfDay) return MINUTES_PER_DAY;
  if (hours > 23) return null;
  return hours * 60 + minutes;
}

function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The well-formed intervals among `intervals`, sorted, with overlapping or touching ones merged
 * (08:00-12:00 and 12:00-17:00 are one opening, 08:00-17:00). Malformed or empty ones are dropped.
 */
function normalizeIntervals(intervals: readonly unknown[] | null | undefined): MinuteInterval[] {
  const valid: MinuteInterval[] = [];
  for (const interval of Array.isArray(intervals) ? intervals : []) {
    if (!interval || typeof interval !== 'object') continue;
    const opens = parseTime((interval as TimeInterval).opens, false);
    const closes = parseTime((interval as TimeInterval).closes, true);
    if (opens === null || closes === null || closes <= opens) continue;
    valid.push({ opens, closes });
  }
  valid.sort((a, b) => a.opens - b.opens || a.closes - b.closes);
  const merged: MinuteInterval[] = [];
  for (const interval of valid) {
    const last = merged[merged.length - 1];
    if (last && interval.opens <= last.closes) last.closes = Math.max(last.closes, interval.closes);
    else merged.push({ ...interval });
  }
  return merged;
}

function toTimeIntervals(intervals: MinuteInterval[]): TimeInterval[] {
  return intervals.map((interval) => ({ opens: formatTime(interval.opens), closes: formatTime(interval.closes) }));
}

function parseDate(value: unknown): LocalDate | null {
  if (typeof value !== 'string') return null;
  const match = DATE_PATTERN.exec(value);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // Reject 2026-02-30 and the like: the date must survive a round trip through the calendar.
  return formatDate(addDays(date, 0)) === value ? date : null;
}

function formatDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function dayOfWeek(date: LocalDate): DayOfWeek {
  // getUTCDay: 0 is Sunday; DAYS_OF_WEEK starts on Monday.
  return DAYS_OF_WEEK[(new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7];
}

/**
 * Seven entries, Monday to Sunday, each with its sorted, merged intervals. Days without hours are
 * closed, unless the week has no hours at all: then every day is unknown (`closed: null`).
 */
export function weeklyHours(openingHours: readonly OpeningInterval[] | null | undefined): DailyHours[] {
  const list = Array.isArray(openingHours) ? openingHours : [];
  const days = DAYS_OF_WEEK.map((day) => ({ day, intervals: toTimeIntervals(normalizeIntervals(list.filter((interval) => interval?.day === day))) }));
  const known = days.some((day) => day.intervals.length > 0);
  return days.map((day) => ({ ...day, closed: known ? day.intervals.length === 0 : null }));
}

/**
 * The well-formed exceptions, sorted by date, from `fromDate` (YYYY-MM-DD) on when given. A closed
 * exception has no intervals; when a date appears twice, the later entry wins.
 */
export function hoursExceptionsFrom(exceptions: readonly HoursException[] | null | undefined, fromDate?: string): HoursException[] {
  const byDate = new Map<string, HoursException>();
  for (const exception of Array.isArray(exceptions) ? exceptions : []) {
    if (!exception || typeof exception !== 'object' || !parseDate(exception.date)) continue;
    if (fromDate !== undefined && exception.date < fromDate) continue;
    const intervals = exception.closed === true ? [] : toTimeIntervals(normalizeIntervals(exception.intervals));
    const note = typeof exception.note === 'string' && exception.note.trim() !== '' ? exception.note : null;
    byDate.set(exception.date, { date: exception.date, closed: intervals.length === 0, intervals, note });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    // Throws a RangeError for a zone the runtime does not know.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** True when the runtime knows `timezone` as an IANA zone. */
export function isValidTimeZone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock extends LocalDate {
  /** Minutes since local midnight. */
  minutes: number;
  second: number;
}

function wallClockAt(timezone: string, epochMs: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  // Some ICU versions still write midnight as hour 24 despite h23.
  const hour = parts.hour % 24;
  return { year: parts.year, month: parts.month, day: parts.day, minutes: hour * 60 + parts.minute, second: parts.second };
}

/** The zone's offset from UTC at an instant, in milliseconds (-4 h = -14 400 000 in New York summer). */
function offsetAt(timezone: string, epochMs: number): number {
  const wall = wallClockAt(timezone, epochMs);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day) + wall.minutes * MS_PER_MINUTE + wall.second * 1000;
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which the local clock in `timezone` reads `minutes` past midnight of `date`
 * (1440 is the next midnight). When the clocks go back and the time happens twice, the first;
 * when they spring forward over it, the time as read on the clock before the change (02:30 in
 * the skipped hour is 03:30 daylight time), as Temporal's "compatible" disambiguation does.
 */
function instantOf(timezone: string, date: LocalDate, minutes: number): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day) + minutes * MS_PER_MINUTE;
  // Offsets either side of any change near this time (zones change at most once in two days).
  const before = offsetAt(timezone, wallAsUtc - MS_PER_DAY);
  const after = offsetAt(timezone, wallAsUtc + MS_PER_DAY);
  const candidates = [...new Set([before, after])]
    .map((offset) => wallAsUtc - offset)
    .filter((instant) => offsetAt(timezone, instant) === wallAsUtc - instant)
    .sort((a, b) => a - b);
  return candidates.length > 0 ? candidates[0] : wallAsUtc - before;
}

// ---------------------------------------------------------------------------------------------
// Status at an instant

/** The intervals (minutes) that apply on a local date: the exception's when there is one, else the weekday's. */
function intervalsOn(date: LocalDate, weekly: Map<DayOfWeek, MinuteInterval[]>, exceptions: Map<string, HoursException>): MinuteInterval[] {
  const exception = exceptions.get(formatDate(date));
  if (exception) return exception.closed ? [] : normalizeIntervals(exception.intervals);
  return weekly.get(dayOfWeek(date)) ?? [];
}

const WEEKDAY_NAMES: Record<DayOfWeek, string> = {
  MONDAY: 'Monday',
  TUESDAY: 'Tuesday',
  WEDNESDAY: 'Wednesday',
  THURSDAY: 'Thursday',
  FRIDAY: 'Friday',
  SATURDAY: 'Saturday',
  SUNDAY: 'Sunday',
};

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "8:00 AM", "12:30 PM": built by hand so the output never depends on the runtime's ICU data. */
function formatClockTime(minutes: number): string {
  const hour24 = Math.floor(minutes / 60) % 24;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  return `${hour12}:${String(minutes % 60).padStart(2, '0')} ${hour24 < 12 ? 'AM' : 'PM'}`;
}

function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / MS_PER_DAY);
}

/** "5:00 PM" today, "Tuesday 2:00 AM" within a week, "Monday, March 16, 8:00 AM" beyond. */
function describeMoment(today: LocalDate, moment: WallClock): string {
  const days = daysBetween(today, moment);
  const time = formatClockTime(moment.minutes);
  if (days === 0) return time;
  const weekday = WEEKDAY_NAMES[dayOfWeek(moment)];
  if (days < 7) return `${weekday} ${time}`;
  return `${weekday}, ${MONTH_NAMES[moment.month - 1]} ${moment.day}, ${time}`;
}

function labelOf(timezone: string, today: LocalDate, isOpen: boolean, closesAt: number | null, nextOpensAt: number | null): string {
  if (isOpen) {
    if (closesAt === null) return 'Open 24 hours';
    const closing = wallClockAt(timezone, closesAt);
    if (closing.minutes === 0 && daysBetween(today, closing) === 1) return 'Open until midnight';
    return `Open until ${describeMoment(today, closing)}`;
  }
  if (nextOpensAt === null) return 'Closed';
  const opening = wallClockAt(timezone, nextOpensAt);
  return daysBetween(today, opening) === 0 ? `Closed · opens at ${describeMoment(today, opening)}` : `Closed · opens ${describeMoment(today, opening)}`;
}

/**
 * Whether the location is open at `at`, when that opening ends or the next one begins (looking
 * up to 14 days ahead, exceptions included), and the hours of the local date of `at`.
 * Malformed intervals and exceptions are ignored; an unknown time zone throws a RangeError.
 */
export function openStatusAt(hours: LocationHours, at: Date, unknownLabel: string = DEFAULT_UNKNOWN_HOURS_LABEL): OpenStatus {
  const atMs = at.getTime();
  if (Number.isNaN(atMs)) throw new RangeError('openStatusAt needs a valid date');
  const { timezone } = hours;
  const openingHours = Array.isArray(hours.openingHours) ? hours.openingHours : [];
  const weekly = new Map(DAYS_OF_WEEK.map((day) => [day, normalizeIntervals(openingHours.filter((interval) => interval?.day === day))]));
  const exceptions = new Map(hoursExceptionsFrom(hours.hoursExceptions).map((exception) => [exception.date, exception]));

  const now = wallClockAt(timezone, atMs);
  const today: LocalDate = { year: now.year, month: now.month, day: now.day };
  const todayIntervals = intervalsOn(today, weekly, exceptions);
  const todayException = exceptions.get(formatDate(today));

  // No weekly hours and nothing dated for today: the practice has not said, so neither do we.
  if (![...weekly.values()].some((intervals) => intervals.length > 0) && !todayException) {
    return {
      state: OpenState.UNKNOWN,
      isOpen: null,
      closesAt: null,
      nextOpensAt: null,
      todayHours: [],
      localDate: formatDate(today),
      localTime: formatTime(now.minutes),
      note: null,
      label: unknownLabel,
    };
  }

  // Walk the openings in time order, joining those that touch (Monday 18:00-24:00 and Tuesday
  // 00:00-02:00 are one opening), until one contains `at` or starts after it.
  let block: { start: number; end: number } | null = null;
  let found: { start: number; end: number } | null = null;
  search: for (let offset = 0; offset <= OPENING_SEARCH_DAYS; offset++) {
    const date = addDays(today, offset);
    let endsBeforeMidnight = true;
    for (const interval of offset === 0 ? todayIntervals : intervalsOn(date, weekly, exceptions)) {
      const start = instantOf(timezone, date, interval.opens);
      const end = instantOf(timezone, date, interval.closes);
      if (end <= start) continue; // Swallowed by a clock change (02:00-03:00 on the spring-forward night).
      endsBeforeMidnight = interval.closes < MINUTES_PER_DAY;
      if (block && start <= block.end) {
        block.end = Math.max(block.end, end);
        continue;
      }
      if (block && block.end > atMs) {
        found = block;
        break search;
      }
      block = { start, end };
      if (start > atMs) {
        found = block;
        break search;
      }
    }
    // An opening that ends before midnight cannot be continued by the next day's hours.
    if (block && block.end > atMs && endsBeforeMidnight) {
      found = block;
      break;
    }
  }
  let openThroughWindow = false;
  if (!found && block && block.end > atMs) {
    found = block;
    openThroughWindow = true;
  }

  const isOpen = found !== null && found.start <= atMs;
  // An opening still running at the end of the search window has no known end.
  const closesAt = isOpen && found && !openThroughWindow ? found.end : null;
  const nextOpensAt = !isOpen && found ? found.start : null;
  return {
    state: isOpen ? OpenState.OPEN : OpenState.CLOSED,
    isOpen,
    closesAt: closesAt === null ? null : new Date(closesAt),
    nextOpensAt: nextOpensAt === null ? null : new Date(nextOpensAt),
    todayHours: toTimeIntervals(todayIntervals),
    localDate: formatDate(today),
    localTime: formatTime(now.minutes),
    note: todayException?.note ?? null,
    label: labelOf(timezone, today, isOpen, closesAt, nextOpensAt),
  };
}

/** The local date (YYYY-MM-DD) in `timezone` at an instant. */
export function localDateAt(timezone: string, at: Date): string {
  return formatDate(wallClockAt(timezone, at.getTime()));
}

/** The instant after `at` at which the local date in `timezone` changes (the next local midnight). */
export function nextLocalMidnight(timezone: string, at: Date): Date {
  const now = wallClockAt(timezone, at.getTime());
  return new Date(instantOf(timezone, addDays({ year: now.year, month: now.month, day: now.day }, 1), 0));
}
