import { RefusedError } from './refused.ts';
import { unsafeCharacter } from './text.ts';

// The product's own limits: generous for real minutes, far below what storage can hold, and
// small enough that a card (Teams caps a message at about 80 KB) always has room for the rest.
export const MAX_ACTION_TEXT = 4_000;
export const MAX_NOTE = 4_000;
/** A pasted table or file to import. */
export const MAX_IMPORT_CHARS = 500_000;
export const MAX_IMPORT_LINES = 2_000;

export class TooLongError extends RefusedError {
  override name = 'TooLongError';
  constructor(what: string, length: number, max: number) {
    super(`${what} is ${length.toLocaleString('en-GB')} characters; the limit is ${max.toLocaleString('en-GB')}`);
  }
}

/** A scrutiny question's text, and its written response (often several paragraphs). */
export const MAX_QUESTION_TEXT = 4_000;
export const MAX_RESPONSE = 8_000;

/** Refuses text holding a character that cannot be kept as text (see unsafeCharacter). */
export function checkCharacters(what: string, value: string | undefined): void {
  const bad = value === undefined ? null : unsafeCharacter(value);
  if (bad) throw new RefusedError(`${what} contains ${bad}: remove it and send it again`);
}
