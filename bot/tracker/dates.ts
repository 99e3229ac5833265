// Dates as the users read them: UK order and Europe/London wall-clock time, across the clock
// changes. Storage keeps ISO dates and UTC instants; these convert at the edges.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { IsoDate, IsoInstant } from './types.ts';

export const LONDON = 'Europe/London';

/** The calendar date in London at `now`. */
export function londonToday(now: Date): IsoDate {
  return format(new TZDate(now, LONDON), 'yyyy-MM-dd');
}

/** '14/03/2023 09:30', in London time. */
export function formatLondon(instant: IsoInstant | Date): string {
  return format(new TZDate(new Date(instant), LONDON), 'dd/MM/yyyy HH:mm');
}

/** '14/03/2023', the London calendar date of an instant. */
export function formatLondonDate(instant: IsoInstant | Date): string {
  return format(new TZDate(new Date(instant), LONDON), 'dd/MM/yyyy');
}
