import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { intervalProblems, TIME_OF_DAY_PATTERN, type TimeRange } from './time-of-day';

/** A real calendar date written "YYYY-MM-DD" (2026-02-30 and 2026-13-01 are refused). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1000) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Problems with a list of intervals: each must close after it opens, and intervals of the same
 * day (entries with a `day`; all of them when there is none) must not overlap.
 */
export function hoursProblems(intervals: readonly (TimeRange & { day?: string })[]): string[] {
  const byDay = new Map<string, TimeRange[]>();
  for (const interval of intervals) {
    if (!interval || typeof interval.opens !== 'string' || typeof interval.closes !== 'string') continue;
    const day = typeof interval.day === 'string' ? interval.day : '';
    byDay.set(day, [...(byDay.get(day) ?? []), interval]);
  }
  return [...byDay.entries()].flatMap(([day, ranges]) => intervalProblems(ranges).map((problem) => (day ? `${day} ${problem}` : problem)));
}

/** The dates a list of dated entries names more than once. */
export function repeatedDates(entries: readonly { date?: unknown }[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const entry of entries) {
    if (!entry || typeof entry.date !== 'string') continue;
    if (seen.has(entry.date)) repeated.add(entry.date);
    seen.add(entry.date);
  }
  return [...repeated];
}

export const IsTimeOfDay = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isTimeOfDay',
      validator: {
        validate: (value) => typeof value === 'string' && TIME_OF_DAY_PATTERN.test(value),
        defaultMessage: () => 'must be a 24-hour time "HH:MM" such as "08:00" ("24:00" ends the day)',
      },
    },
    options,
  );

export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: () => 'must be a real date written YYYY-MM-DD such as "2026-12-25"',
      },
    },
    options,
  );

const intervalsOf = (value: unknown): (TimeRange & { day?: string })[] => (Array.isArray(value) ? value : []);

/**
 * A list of opening intervals where each closes after it opens and none overlaps another of
 * the same day (weekly hours group by `day`; an exception's intervals all share its date).
 */
export const HasNoOverlappingIntervals = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'hasNoOverlappingIntervals',
      validator: {
        validate: (value) => hoursProblems(intervalsOf(value)).length === 0,
        defaultMessage: (args?: ValidationArguments) =>
          `intervals must close after they open and must not overlap on the same day: ${hoursProblems(intervalsOf(args?.value)).join('; ')}`,
      },
    },
    options,
  );

/** A list of dated entries (hours exceptions) with at most one entry per date. */
export const HasDistinctDates = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'hasDistinctDates',
      validator: {
        validate: (value) => repeatedDates(Array.isArray(value) ? value : []).length === 0,
        defaultMessage: (args?: ValidationArguments) =>
          `must list each date once (${repeatedDates(Array.isArray(args?.value) ? args.value : []).join(', ')} appears more than once)`,
      },
    },
    options,
  );
