/** "HH:MM" on a 24-hour clock; "24:00" is allowed as the end of a day. */
export const TIME_OF_DAY_PATTERN = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export interface TimeRange {
  opens: string;
  closes: string;
}

/** Problems with a day's intervals: each must end after it starts, and none may overlap. */
export function intervalProblems(intervals: TimeRange[]): string[] {
  const problems: string[] = [];
  for (const interval of intervals) {
    if (!TIME_OF_DAY_PATTERN.test(interval.opens) || !TIME_OF_DAY_PATTERN.test(interval.closes)) continue;
    if (minutesOfDay(interval.closes) <= minutesOfDay(interval.opens)) problems.push(`${interval.opens}-${interval.closes} must close after it opens`);
  }
  const sorted = intervals
    .filter((interval) => TIME_OF_DAY_PATTERN.test(interval.opens) && TIME_OF_DAY_PATTERN.test(interval.closes))
    .sort((a, b) => minutesOfDay(a.opens) - minutesOfDay(b.opens));
  for (let index = 1; index < sorted.length; index++) {
    if (minutesOfDay(sorted[index].opens) < minutesOfDay(sorted[index - 1].closes)) {
      problems.push(`${sorted[index - 1].opens}-${sorted[index - 1].closes} overlaps ${sorted[index].opens}-${sorted[index].closes}`);
    }
  }
  return problems;
}
