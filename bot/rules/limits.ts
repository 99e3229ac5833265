import { RefusedError } from './refused.ts';
import { oneLine, unsafeCharacter } from './text.ts';

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

/** A one-line field: a name, an email, a place, a topic, an exemption's name. */
export const MAX_LINE = 200;
/** The longest email address a mail system accepts. */
export const MAX_EMAIL = 254;

/**
 * The rule for every text a person gives that is stored: refused, saying which character, when it
 * holds one that cannot be kept as text (see unsafeCharacter).
 */
export function checkCharacters(what: string, value: string | undefined): void {
  const bad = value === undefined ? null : unsafeCharacter(value);
  if (bad) throw new RefusedError(`${what} contains ${bad}: remove it and try again`);
}

/**
 * A one-line field as it is stored (a name, an email, a place, an exemption's name): checked as
 * above, then cleaned like pasted text onto one line, and refused if longer than `max`.
 */
export function keptLine(what: string, value: string, max = MAX_LINE): string {
  checkCharacters(what, value);
  const line = oneLine(value);
  if (line.length > max) throw new TooLongError(what, line.length, max);
  return line;
}
