// The paste card: a multi-line box (and a meeting date where the command takes one) for a table
// or the minutes, sent with one button. Some Teams clients send a pasted multi-line message as
// one line; an Input.Text keeps the lines.
import pasteJson from './paste.json' with { type: 'json' };
import { CardTemplate, cardBytes, MAX_CARD_BYTES } from './engine.ts';
import type { AdaptiveCard, Notice, Tone } from './models.ts';
import { shownText } from './text.ts';

export interface PasteCardModel {
  board: string;
  /** The command the button sends the text to ('minutes', 'import', ...): data, not shown. */
  command: string;
  title: string;
  intro: string;
  /** The box's label; the card states its limit after it. */
  label: string;
  maxLength: number;
  placeholder: string;
  /** Shown when the box is sent empty. */
  emptyMessage: string;
  button: string;
  /** The meeting date input, when the command takes one; `value` is ISO (yyyy-MM-dd). */
  date?: { label: string; required: boolean; value?: string };
  /** What was typed, given back with a notice saying why it was not taken. */
  text?: string;
  notice?: Notice;
}

interface PasteData {
  hasNotice: boolean;
  notice: { tone: Tone; text: string } | null;
  board: string;
  command: string;
  title: string;
  intro: string;
  hasDate: boolean;
  dateLabel: string;
  /** true, or left out (false is the default, and not written). */
  dateRequired: true | null;
  dateValue: string | null;
  label: string;
  maxLength: number;
  placeholder: string;
  emptyMessage: string;
  text: string | null;
  button: string;
}

const template = new CardTemplate<PasteData>(pasteJson);

const NOT_KEPT = 'It was too long to give back on this card: paste it again.';

/**
 * The card, with what was typed given back when it fits (a card stays under 40 KB); when it does
 * not, the notice says to paste it again, so nothing is dropped without a word.
 */
export function pasteCard(m: PasteCardModel): AdaptiveCard {
  const card = template.expand(pasteData(m));
  if (m.text === undefined || cardBytes(card) < MAX_CARD_BYTES) return card;
  const { text: _dropped, ...rest } = m;
  const notice: Notice = { tone: m.notice?.tone ?? 'warning', text: `${m.notice?.text ?? ''} ${NOT_KEPT}`.trim() };
  return template.expand(pasteData({ ...rest, notice }));
}

function pasteData(m: PasteCardModel): PasteData {
  return {
    hasNotice: m.notice !== undefined,
    notice: m.notice ? { tone: m.notice.tone, text: shownText(m.notice.text, 1_000) } : null,
    board: m.board,
    command: m.command,
    title: shownText(m.title, 200),
    intro: shownText(m.intro, 1_000),
    hasDate: m.date !== undefined,
    // Labels and placeholders are plain text in the client: not escaped.
    dateLabel: m.date ? `${m.date.label}${m.date.required ? '' : ' (optional)'}` : '',
    dateRequired: m.date?.required ? true : null,
    dateValue: m.date?.value ?? null,
    label: `${m.label} (at most ${m.maxLength.toLocaleString('en-GB')} characters)`,
    maxLength: m.maxLength,
    placeholder: m.placeholder,
    emptyMessage: m.emptyMessage,
    // An input's value is plain text already: not escaped, and never longer than the box allows.
    text: m.text ? Array.from(m.text).slice(0, m.maxLength).join('') : null,
    button: m.button,
  };
}
