// The paste card of each command that takes a pasted text: what it asks for, and the meeting date
// where the command takes one (required for scrutiny questions, which are put for a meeting).
import { pasteCard, type AdaptiveCard, type Notice } from '../../cards/index.ts';
import type { PasteKind } from '../rules/commands.ts';
import { MAX_IMPORT_CHARS } from '../rules/limits.ts';
import type { IsoDate } from '../rules/types.ts';

interface PasteWords {
  title: string;
  intro: string;
  label: string;
  placeholder: string;
  emptyMessage: string;
  button: string;
  date?: { label: string; required: boolean };
}

const WORDS: Record<PasteKind, PasteWords> = {
  minutes: {
    title: 'Import the minutes',
    intro:
      'Paste the whole minutes as copied out of Word, or send me the Word file instead. You get a preview first: nothing is changed until you press Import on it.',
    label: 'The minutes',
    placeholder: 'The minutes, copied out of Word',
    emptyMessage: 'Paste the minutes here',
    button: 'Preview',
    date: { label: "The meeting's date, if the minutes do not say it", required: false },
  },
  import: {
    title: 'Import the Actions Arising',
    intro:
      "Paste the Actions Arising table copied out of Word: each action's reference, then its owner and what is to be done (JD - Circulate the report). Each owner gets a card.",
    label: 'The Actions Arising table',
    placeholder: '01.14/03/2023   JD - Circulate the report',
    emptyMessage: 'Paste the table here',
    button: 'Import',
    date: { label: 'The meeting (for actions marked N/A)', required: false },
  },
  scrutiny: {
    title: 'Put the scrutiny questions',
    intro:
      "Paste the questions, one a line, each ending with its respondent's initials (Q1. Could a breakdown be provided? - SR). Each respondent gets a card.",
    label: 'The questions',
    placeholder: 'Q1. Could a breakdown be provided? - SR',
    emptyMessage: 'Paste the questions here',
    button: 'Put the questions',
    date: { label: 'The meeting they are for', required: true },
  },
  deepDives: {
    title: 'Set the deep-dive schedule',
    intro: 'Paste the Schedule of Deep Dive Subjects, a month a line (April - Repeat Victims).',
    label: 'The schedule',
    placeholder: 'April - Repeat Victims',
    emptyMessage: 'Paste the schedule here',
    button: 'Set the deep dives',
  },
};

export function pasteCardFor(
  board: string,
  what: PasteKind,
  given: { meeting?: IsoDate; text?: string; notice?: Notice } = {},
): AdaptiveCard {
  const { date, ...words } = WORDS[what];
  return pasteCard({
    board,
    command: what,
    ...words,
    maxLength: MAX_IMPORT_CHARS,
    ...(date ? { date: { ...date, ...(given.meeting ? { value: given.meeting } : {}) } } : {}),
    ...(given.text ? { text: given.text } : {}),
    ...(given.notice ? { notice: given.notice } : {}),
  });
}
