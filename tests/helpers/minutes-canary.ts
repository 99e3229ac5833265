// The minutes of 14/03/2023 as copied text, with words under the exempt item 05 and under item 06,
// each with a canary of its own: the open minutes must never print the first and must print the second.
import { readFileSync } from 'node:fs';

export const EXEMPT_CANARY = 'CANARY-EXEMPT-7Q2X';
export const OPEN_CANARY = 'CANARY-OPEN-4K9M';

const EXEMPTION = '\tExempt FOIA under Section S.31 (Law Enforcement)\t\n';
const VICTIMS = '\tIt was agreed that Supt Okafor and the OPCC lead (AW) would arrange a joint visit';

export function marchWithCanaries(
  exemptWords = `${EXEMPT_CANARY} Operation Northgate disrupted two groups in the north of the county.`,
): string {
  const text = readFileSync(new URL('../fixtures/minutes-2023-03-14.txt', import.meta.url), 'utf8');
  // The fixture as these words expect it, so that a changed fixture fails here and not quietly.
  if (!text.includes(EXEMPTION) || !text.includes(VICTIMS)) throw new Error('minutes-2023-03-14.txt has changed');
  return text
    .replace(EXEMPTION, `${EXEMPTION}\t${exemptWords}\t\n`)
    .replace(VICTIMS, `\t${OPEN_CANARY} The dip sample is to be repeated in September.\t\n${VICTIMS}`);
}
