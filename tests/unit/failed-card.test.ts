import { describe, expect, it } from 'vitest';
import { failedCard } from '../../bot/chat/failed.ts';
import { isStorageUnreachable, wroteNothing } from '../../storage/errors.ts';
import { validateCard, visibleTexts } from '../helpers/validate-card.ts';

const netError = (code: string) => Object.assign(new Error(code), { name: 'RestError', code });
const abort = () => Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
const status = (statusCode: number) => Object.assign(new Error(String(statusCode)), { name: 'RestError', statusCode });

describe('telling what a failed storage call means', () => {
  it.each([
    ['refused connection', netError('ECONNREFUSED'), true, true],
    ['unknown host', netError('ENOTFOUND'), true, true],
    ['reset mid-call', netError('ECONNRESET'), false, true],
    ['given up for taking too long', abort(), false, true],
    ['a 400 from storage', status(400), true, false],
    ['a 500 from storage', status(500), false, false],
    ['a bug of ours', new TypeError('x is undefined'), false, false],
  ])('%s', (_name, err, nothing, lost) => {
    expect(wroteNothing(err)).toBe(nothing);
    expect(isStorageUnreachable(err)).toBe(lost);
  });
});

describe('the card for a card action that failed on our side', () => {
  const data = { verb: 'action.reply', actionId: 'a1', status: 'in_progress', note: 'Met the team <b>today</b>' };
  it.each([
    [{ wroteNothing: true, storageUnreachable: true }, 'Not saved', 'could not reach its storage'],
    [{ wroteNothing: true, storageUnreachable: false }, 'Not saved', 'something went wrong on our side'],
    [{ wroteNothing: false, storageUnreachable: true }, 'Not confirmed', 'lost touch with its storage'],
    [{ wroteNothing: false, storageUnreachable: false }, 'Not confirmed', 'cannot tell whether this was saved'],
  ])('%j', (failure, title, says) => {
    const card = failedCard(data, failure);
    expect(validateCard(card)).toEqual([]);
    const text = visibleTexts(card).join('\n');
    expect(text).toContain(title);
    expect(text).toContain(says);
    // What they typed comes back, as typed (the markup escaped, so the card shows it rather than bold).
    expect(text).toContain('What you wrote: Met the team \\<b>today\\</b>');
    expect(text).toContain('Status you chose: In progress');
  });
});
