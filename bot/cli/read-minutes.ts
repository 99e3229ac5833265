// The minutes as the CLI is given them (a Word file, or text copied out of it), read into the
// record the import works from. The one place the CLI reads minutes: when the document readers
// (bot/minutes/open.ts, openMinutes) and the section readers (bot/minutes/read.ts, readMinutes)
// are in, this calls them; until then it says so.
import type { MinutesRecord } from '../minutes/record.ts';
import { RefusedError } from '../rules/refused.ts';
import type { IsoDate } from '../rules/types.ts';

export async function readMinutesFile(_bytes: Uint8Array, _name: string, _meeting?: IsoDate): Promise<MinutesRecord> {
  throw new RefusedError('reading minutes documents is not available in this build yet');
}
