// Dates as the users read them: UK order and Europe/London wall-clock time, across the clock
// changes. Storage keeps ISO dates and UTC instants; these convert at the edges.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { formatUkDate } from './refs.ts';
import type { IsoDate, IsoInstant } from './types.ts';

export const LONDON = 'Europe/London';

// One formatter, made once: Intl follows London's clock changes itself, some 30 times quicker
// than a TZDate and date-fns format per call (a digest of 10,000 actions makes 20,000 of them).
const LONDON_DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The last date worked out, with the minute it was for: London's date changes only on an hour (since 1847, GMT). */
let lastDay = { minute: Number.NaN, day: '' };

/** The calendar date in London at `now`. */
export function londonToday(now: Date): IsoDate {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute === lastDay.minute) return lastDay.day;
  let y = '';
  let m = '';
  let d = '';
  for (const part of LONDON_DAY.formatToParts(now)) {
    if (part.type === 'year') y = part.value;
    else if (part.type === 'month') m = part.value;
    else if (part.type === 'day') d = part.value;
  }
  lastDay = { minute, day: `${y}-${m}-${d}` };
  return lastDay.day;
}

/** '14/03/2023 09:30', in London time. */
export function formatLondon(instant: IsoInstant | Date): string {
  return format(new TZDate(new Date(instant), LONDON), 'dd/MM/yyyy HH:mm');
}

/** '14/03/2023', the London calendar date of an instant. */
export function formatLondonDate(instant: IsoInstant | Date): string {
  return formatUkDate(londonToday(new Date(instant)));
}
