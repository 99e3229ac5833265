// The paste card each command typed alone answers with: a labelled multi-line box with its limit,
// the meeting date where the command takes one, and one button that sends them to that command.
import { describe, expect, it } from 'vitest';
import { cardBytes, MAX_CARD_BYTES } from '../../cards/index.ts';
import { pasteCardFor } from '../../bot/present/paste.ts';
import type { PasteKind } from '../../bot/rules/commands.ts';
import { MAX_IMPORT_CHARS } from '../../bot/rules/limits.ts';
import { cardInputs, executeActions, validateCard, visibleTexts } from '../helpers/validate-card.ts';

describe('the paste card', () => {
  const kinds: Array<[PasteKind, 'none' | 'optional' | 'required', string]> = [
    ['minutes', 'optional', 'Preview'],
    ['import', 'optional', 'Import'],
    ['scrutiny', 'required', 'Put the questions'],
    ['deepDives', 'none', 'Set the deep dives'],
  ];

  it.each(kinds)(
    'for %s: a labelled multi-line box with its limit, the date (%s) and one button',
    (what, date, button) => {
      const card = pasteCardFor('PAM', what);
      expect(validateCard(card)).toEqual([]);
      const box = cardInputs(card).get('text');
      expect(box).toMatchObject({
        type: 'Input.Text',
        isMultiline: true,
        isRequired: true,
        maxLength: MAX_IMPORT_CHARS,
      });
      expect(String(box?.label)).toMatch(/\(at most 500,000 characters\)$/);
      const meeting = cardInputs(card).get('meeting');
      if (date === 'none') expect(meeting).toBeUndefined();
      else {
        expect(meeting).toMatchObject({ type: 'Input.Date' });
        expect(Boolean(meeting?.isRequired)).toBe(date === 'required');
      }
      expect(executeActions(card)).toEqual([
        { verb: 'paste.submit', title: button, data: { board: 'PAM', command: what } },
      ]);
    },
  );

  it('gives back the meeting, what was typed and why it was not taken', () => {
    const card = pasteCardFor('PAM', 'scrutiny', {
      meeting: '2023-04-11',
      text: 'Q1. Why? - KP',
      notice: { tone: 'attention', text: 'Not done: no respondent' },
    });
    expect(validateCard(card)).toEqual([]);
    expect(cardInputs(card).get('meeting')?.value).toBe('2023-04-11');
    expect(cardInputs(card).get('text')?.value).toBe('Q1. Why? - KP');
    expect(visibleTexts(card)[0]).toBe('Not done: no respondent');
  });

  it('says to paste again a text too long to give back on a card, rather than dropping it unsaid', () => {
    const text = 'x'.repeat(60_000);
    const card = pasteCardFor('PAM', 'minutes', { text, notice: { tone: 'attention', text: 'Not done: no date' } });
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(validateCard(card)).toEqual([]);
    expect(cardInputs(card).get('text')?.value).toBeUndefined();
    expect(visibleTexts(card)[0]).toBe('Not done: no date It was too long to give back on this card: paste it again.');
  });
});
