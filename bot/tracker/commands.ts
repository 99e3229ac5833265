// What a person typed to the bot, as a command. Pure: the Teams layer has already removed the
// @mention and turned a pasted HTML table into tab-separated lines.
import { parseUkDate } from './refs.ts';
import type { IsoDate } from './types.ts';

export type Command =
  | { kind: 'help' }
  | { kind: 'mine' }
  | { kind: 'outstanding' }
  | { kind: 'people' }
  | { kind: 'import'; table: string; meeting?: IsoDate }
  | { kind: 'raise'; line: string }
  | { kind: 'unknown'; word: string };

/** Every command, with what it does and who may use it (help shows a person only theirs). */
export const COMMANDS = [
  { name: 'mine', usage: 'mine', does: 'your open actions, each with its reply card', who: 'everyone' },
  { name: 'outstanding', usage: 'outstanding', does: 'every open action by owner: overdue, no reply, ready to discharge', who: 'chair, secretariat' },
  { name: 'import', usage: 'import [dd/MM/yyyy] + the Actions Arising table', does: 'record the actions of a meeting and send each owner a card', who: 'chair, secretariat' },
  { name: 'raise', usage: 'raise XX - what is to be done', does: 'add one action for the latest meeting', who: 'chair, secretariat' },
  { name: 'people', usage: 'people', does: 'the directory, and who the bot cannot reach yet', who: 'chair, secretariat' },
  { name: 'help', usage: 'help', does: 'what this bot does', who: 'everyone' },
] as const;

export function parseCommand(text: string): Command {
  const trimmed = text.replace(/^\s+/, '');
  const match = /^(\S+)[ \t]*(.*)$/s.exec(trimmed);
  const word = (match?.[1] ?? '').toLowerCase().replace(/[.!?:]+$/, '');
  const rest = match?.[2] ?? '';
  switch (word) {
    case '':
    case 'help':
    case 'hi':
    case 'hello':
      return { kind: 'help' };
    case 'mine':
    case 'my':
      return { kind: 'mine' };
    case 'outstanding':
      return { kind: 'outstanding' };
    case 'people':
    case 'directory':
      return { kind: 'people' };
    case 'raise':
      return { kind: 'raise', line: rest.trim() };
    case 'import': {
      // 'import 14/03/2023' on the first line names the meeting for N/A lines.
      const [first = '', ...lines] = rest.split(/\r\n|\r|\n/);
      const meeting = parseUkDate(first.trim());
      const table = meeting ? lines.join('\n') : rest;
      return { kind: 'import', table, ...(meeting ? { meeting } : {}) };
    }
    default:
      return { kind: 'unknown', word };
  }
}
