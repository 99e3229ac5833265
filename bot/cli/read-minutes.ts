// The minutes as the CLI is given them (a Word file, or text copied out of it): opened by what
// their bytes are (openMinutes), then read section by section (readMinutes) into the record the
// import works from. A file that is not minutes is refused with the reader's one sentence.
import { MinutesFileError } from '../minutes/document.ts';
import { openMinutes } from '../minutes/open.ts';
import { readMinutes } from '../minutes/read.ts';
import type { MinutesRecord } from '../minutes/record.ts';
import { RefusedError } from '../rules/refused.ts';
import type { IsoDate } from '../rules/types.ts';

export function readMinutesFile(bytes: Uint8Array, name: string, meeting?: IsoDate): MinutesRecord {
  try {
    return readMinutes(openMinutes(bytes, name === '-' ? undefined : name), meeting ? { meeting } : {});
  } catch (err) {
    if (err instanceof MinutesFileError) throw new RefusedError(err.message);
    throw err;
  }
}
