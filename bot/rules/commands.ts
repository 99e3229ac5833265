// What a person typed to the bot, as a command. Pure: the Teams layer has already removed the
// @mention and turned a pasted HTML table into tab-separated lines.
import { parseUkDate } from './refs.ts';
import type { IsoDate } from './types.ts';

/**
 * The commands whose text can be pasted into a card's box instead: typed alone, they answer with
 * that card (a pasted multi-line message reaches the bot as one line in some Teams clients).
 */
export type PasteKind = 'minutes' | 'import' | 'scrutiny' | 'deepDives';

export type Command =
  | { kind: 'help' }
  | { kind: 'mine' }
  | { kind: 'outstanding' }
  | { kind: 'people' }
  | { kind: 'import'; table: string; meeting?: IsoDate }
  | { kind: 'minutes'; text: string; meeting?: IsoDate }
  | { kind: 'paste'; what: PasteKind; meeting?: IsoDate }
  | { kind: 'raise'; line: string }
  | { kind: 'meetings' }
  | { kind: 'digest'; meeting?: IsoDate }
  | { kind: 'review'; meeting?: IsoDate }
  | { kind: 'nextMeeting'; date: IsoDate; time?: string; location?: string }
  | { kind: 'deepDive'; text: string }
  | { kind: 'deepDives'; table: string }
  | { kind: 'scrutiny'; meeting: IsoDate; table: string }
  | { kind: 'ask'; line: string }
  | { kind: 'questions'; meeting?: IsoDate }
  | { kind: 'question'; number: string }
  | { kind: 'raiseFromQuestion'; number: string; line: string }
  | { kind: 'exempt'; target: string; exemption: string }
  | { kind: 'useChannel' }
  | { kind: 'unlink'; who: string }
  | { kind: 'resend'; who: string }
  | { kind: 'resend'; meeting: IsoDate }
  | { kind: 'show'; ref: string }
  | { kind: 'history'; ref: string }
  | { kind: 'reopen'; ref: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'unknown'; word: string };

export interface CommandInfo {
  name: string;
  kind: Command['kind'];
  usage: string;
  does: string;
  who: string;
  inShared?: 'here';
}

/**
 * Every command, with what it does and who may use it (help shows a person only theirs).
 * `inShared: 'here'` marks the few answered in a channel or group chat itself, drawn as the channel
 * may read them; every other command typed there is answered in the sender's 1:1 chat.
 */
export const COMMANDS = [
  { name: 'mine', kind: 'mine', usage: 'mine', does: 'your open actions, each with its reply card', who: 'everyone' },
  {
    name: 'outstanding',
    kind: 'outstanding',
    usage: 'outstanding',
    does: 'every open action by owner: overdue, no reply, ready to discharge',
    who: 'chair, secretariat, scrutiny',
  },
  {
    name: 'import',
    kind: 'import',
    usage: 'import [dd/MM/yyyy] + the Actions Arising table',
    does: 'record the actions of a meeting and send each owner a card',
    who: 'chair, secretariat',
  },
  {
    name: 'minutes',
    kind: 'minutes',
    usage: 'minutes [dd/MM/yyyy] + the minutes, or send me the Word file',
    does: "preview a meeting's minutes (actions, reviews, questions, calendar), then import them",
    who: 'chair, secretariat',
  },
  {
    name: 'raise',
    kind: 'raise',
    usage: 'raise XX - what is to be done',
    does: 'add one action for the latest meeting',
    who: 'chair, secretariat',
  },
  {
    name: 'people',
    kind: 'people',
    usage: 'people',
    does: 'the directory, and who the bot cannot reach yet',
    who: 'chair, secretariat',
  },
  {
    name: 'digest',
    kind: 'digest',
    usage: 'digest [dd/MM/yyyy]',
    does: "preview the action log for the next meeting's papers (or that meeting's)",
    who: 'chair, secretariat, scrutiny',
  },
  {
    name: 'review',
    kind: 'review',
    usage: 'review [dd/MM/yyyy]',
    does: 'record the decisions of the meeting just held: discharge, carry forward, standing',
    who: 'chair, secretariat',
  },
  {
    name: 'meetings',
    kind: 'meetings',
    usage: 'meetings',
    does: 'the coming meetings, with their focus and deep dive',
    who: 'everyone',
    inShared: 'here',
  },
  {
    name: 'next meeting',
    kind: 'nextMeeting',
    usage: 'next meeting dd/MM/yyyy [HH:mm] [at place]',
    does: 'set the date of the next meeting',
    who: 'chair, secretariat',
  },
  {
    name: 'deep dive',
    kind: 'deepDive',
    usage: 'deep dive April: Repeat Victims',
    does: "set a month's deep-dive topic (add Q1..Q4 for a quarter: June Q1: ...)",
    who: 'chair, secretariat',
  },
  {
    name: 'deep dives',
    kind: 'deepDives',
    usage: 'deep dives + the Schedule of Deep Dive Subjects',
    does: 'set every month of the schedule at once',
    who: 'chair, secretariat',
  },
  {
    name: 'scrutiny',
    kind: 'scrutiny',
    usage: 'scrutiny for dd/MM/yyyy + the questions (Q1. ... - XX)',
    does: 'put the scrutiny questions for a meeting to the force; each respondent gets a card',
    who: 'chair, secretariat, scrutiny',
  },
  {
    name: 'ask',
    kind: 'ask',
    usage: 'ask Q2 XX - the question',
    does: 'put one scrutiny question for the next meeting',
    who: 'chair, secretariat, scrutiny',
  },
  {
    name: 'questions',
    kind: 'questions',
    usage: 'questions [dd/MM/yyyy]',
    does: 'the scrutiny questions and where each stands (yours to answer, as cards)',
    who: 'everyone',
  },
  {
    name: 'question',
    kind: 'question',
    usage: 'question Q1b',
    does: 'one scrutiny question, with its response form or its buttons',
    who: 'everyone',
  },
  {
    name: 'raise from',
    kind: 'raiseFromQuestion',
    usage: 'raise from Q1b XX - what is to be done',
    does: 'add an action arising from a scrutiny question',
    who: 'chair, secretariat',
  },
  {
    name: 'use this channel',
    kind: 'useChannel',
    usage: 'use this channel for PAM',
    does: "typed in a channel: make it the board's channel, where summaries and the digest are posted",
    who: 'chair, secretariat',
    inShared: 'here',
  },
  { name: 'help', kind: 'help', usage: 'help', does: 'what this bot does', who: 'everyone', inShared: 'here' },
] as const satisfies readonly CommandInfo[];

export type CommandKind = Command['kind'];

/** The commands answered where they were typed, even in a channel or group chat (and what was not understood). */
const ANSWERED_IN_SHARED: ReadonlySet<CommandKind> = new Set<CommandKind>([
  ...COMMANDS.flatMap((c) => ('inShared' in c ? [c.kind] : [])),
  'unknown',
  'invalid',
]);

/** Whether a command typed in a channel or group chat is answered there (else in the sender's 1:1 chat). */
export function answeredInShared(command: Pick<Command, 'kind'>): boolean {
  return ANSWERED_IN_SHARED.has(command.kind);
}

/**
 * Commands that help lists but the Teams command menus (manifest/, built from COMMANDS) do not
 * offer: marking an item exempt is rare and deliberate, typed rather than picked from a menu.
 */
export const MORE_COMMANDS = [
  {
    name: 'exempt',
    kind: 'exempt',
    usage: 'exempt REF|Q2 under FOIA s.31 (law enforcement)',
    does: 'mark an action or question exempt from publication: only those entitled see its text',
    who: 'chair, secretariat',
  },
  {
    name: 'show',
    kind: 'show',
    usage: 'show 03 23/02/2021.i',
    does: 'one action, by its reference as the minutes write it, with its card',
    who: 'everyone',
  },
  {
    name: 'history',
    kind: 'history',
    usage: 'history 03 23/02/2021.i',
    does: "one action's history: every change, who made it, when and how",
    who: 'everyone',
  },
  {
    name: 'reopen',
    kind: 'reopen',
    usage: 'reopen 03 23/02/2021.i',
    does: 'reopen a discharged action (undo a discharge): it goes back to the status it had',
    who: 'chair',
  },
  {
    name: 'unlink',
    kind: 'unlink',
    usage: 'unlink XX',
    does: "forget XX's Teams account (when another account of theirs was refused, see people): the next account that comes with their email is linked",
    who: 'secretariat',
  },
  {
    name: 'resend',
    kind: 'resend',
    usage: 'resend XX | resend dd/MM/yyyy',
    does: "send XX's open cards again, or a meeting's; a card for someone not yet reachable waits for them",
    who: 'chair, secretariat',
  },
] as const satisfies readonly CommandInfo[];

/** The card to paste into, for a command typed without its text. */
const paste = (what: PasteKind, meeting: IsoDate | null): Command => ({
  kind: 'paste',
  what,
  ...(meeting ? { meeting } : {}),
});

/** What each pasted text is, in a refusal: "paste the minutes into the box". */
const PASTED: Record<PasteKind, string> = {
  minutes: 'the minutes',
  import: 'the Actions Arising table',
  scrutiny: 'the questions',
  deepDives: 'the Schedule of Deep Dive Subjects',
};

/**
 * The command a paste card sends: the same command as typed with the text after it, the meeting
 * from the card's date input (ISO) rather than the first line.
 */
export function pastedCommand(what: PasteKind, text: string, meeting?: IsoDate): Command {
  if (text.trim() === '') return { kind: 'invalid', message: `paste ${PASTED[what]} into the box` };
  const dated = meeting ? { meeting } : {};
  switch (what) {
    case 'minutes':
      return { kind: 'minutes', text, ...dated };
    case 'import':
      return { kind: 'import', table: text, ...dated };
    case 'scrutiny':
      return meeting
        ? { kind: 'scrutiny', meeting, table: text }
        : { kind: 'invalid', message: "choose the meeting's date: the questions are put for a meeting" };
    case 'deepDives':
      return { kind: 'deepDives', table: text };
  }
}

/** A first line that is only a date names the meeting; the rest is the pasted text. */
function datedText(rest: string): { meeting: IsoDate | null; text: string } {
  const [first = '', ...lines] = rest.split(/\r\n|\r|\n/);
  const meeting = parseUkDate(first.trim());
  return { meeting, text: meeting ? lines.join('\n') : rest };
}

/** The meeting a message sending the minutes as a file names ('14/03/2023', 'minutes 14/03/2023'), if any. */
export function meetingWithFile(text: string): IsoDate | undefined {
  return parseUkDate(text.trim().replace(/^minutes\b\s*/i, '')) ?? undefined;
}

/** `next meeting 27/04/2021 10:00 at Gold Room, Police HQ` */
function nextMeeting(rest: string): Command {
  const m = /^(\S+)(?:\s+(\d{1,2}[:.]\d{2}))?(?:\s+(?:at|in)\s+(.+))?\s*$/i.exec(rest.trim());
  const date = m?.[1] ? parseUkDate(m[1]) : null;
  if (!m || !date)
    return { kind: 'invalid', message: 'say the date as dd/MM/yyyy, e.g. "next meeting 27/04/2021 10:00"' };
  const time = m[2]?.replace('.', ':').padStart(5, '0');
  if (time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
    return { kind: 'invalid', message: `"${m[2]}" is not a time (HH:mm)` };
  return { kind: 'nextMeeting', date, ...(time ? { time } : {}), ...(m[3] ? { location: m[3].trim() } : {}) };
}

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
    case 'meetings':
    case 'calendar':
      return { kind: 'meetings' };
    case 'digest':
    case 'review': {
      const given = rest.trim();
      const meeting = given ? parseUkDate(given) : null;
      if (given && !meeting)
        return { kind: 'invalid', message: `say the meeting as dd/MM/yyyy, e.g. "${word} 11/04/2023"` };
      return { kind: word, ...(meeting ? { meeting } : {}) };
    }
    case 'next':
      return /^meeting\b/i.test(rest) ? nextMeeting(rest.replace(/^meeting\s*/i, '')) : { kind: 'unknown', word };
    case 'deep': {
      const m = /^(dives?)\b[ \t]*(.*)$/is.exec(rest);
      if (!m) return { kind: 'unknown', word };
      const body = m[2] ?? '';
      const dives = m[1]?.toLowerCase() === 'dives';
      if (body.trim() === '')
        return dives
          ? paste('deepDives', null)
          : { kind: 'invalid', message: 'say the month and the topic, e.g. "deep dive April: Repeat Victims"' };
      return dives ? { kind: 'deepDives', table: body } : { kind: 'deepDive', text: body.trim() };
    }
    case 'raise': {
      const from = /^from\s+(Q\d{1,3}[a-z]?(?:\/Q?\d{1,3}[a-z]?)*)[.:]?\s+(.*)$/is.exec(rest.trim());
      if (from?.[1] && from[2]) return { kind: 'raiseFromQuestion', number: from[1], line: from[2].trim() };
      return { kind: 'raise', line: rest.trim() };
    }
    case 'scrutiny': {
      // 'scrutiny for 27/04/2021' on the first line, the questions after it.
      const [first = '', ...lines] = rest.split(/\r\n|\r|\n/);
      const given = first.trim().replace(/^for\b\s*/i, '');
      const meeting = parseUkDate(given);
      if (lines.join('').trim() === '' && (meeting || given === '')) return paste('scrutiny', meeting);
      if (!meeting)
        return {
          kind: 'invalid',
          message: 'say the meeting on the first line, "scrutiny for 27/04/2021", then the questions one a line',
        };
      return { kind: 'scrutiny', meeting, table: lines.join('\n') };
    }
    case 'ask':
      return { kind: 'ask', line: rest.trim() };
    case 'use':
      // 'use this channel for PAM' (or 'use this chat'): the board follows the conversation it is typed in.
      return /^this\s+(channel|chat)\b/i.test(rest.trim())
        ? { kind: 'useChannel' }
        : { kind: 'invalid', message: 'say "use this channel for PAM", in the channel the board should use' };
    case 'exempt': {
      const m = /^(.+?)\s+under\s+(.+)$/is.exec(rest.trim());
      if (!m?.[1] || !m[2])
        return {
          kind: 'invalid',
          message: 'say what and under which exemption, e.g. "exempt 02.14/03/2023 under FOIA s.31 (law enforcement)"',
        };
      return { kind: 'exempt', target: m[1].trim(), exemption: m[2].trim() };
    }
    case 'show':
    case 'history':
    case 'reopen': {
      const ref = rest.trim();
      return ref
        ? { kind: word, ref }
        : { kind: 'invalid', message: `say which action, as the minutes write it, e.g. "${word} 03 23/02/2021.i"` };
    }
    case 'unlink': {
      const who = rest.trim();
      return who
        ? { kind: 'unlink', who }
        : { kind: 'invalid', message: 'say whose Teams account to unlink: their initials or email, e.g. "unlink AW"' };
    }
    case 'resend': {
      // 'resend JD' (a person, as unlink takes them) or 'resend 14/03/2023' (a meeting).
      const given = rest.trim();
      const meeting = parseUkDate(given);
      if (meeting) return { kind: 'resend', meeting };
      if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(given))
        return { kind: 'invalid', message: `${given} is not a date: say the meeting as dd/MM/yyyy` };
      return given
        ? { kind: 'resend', who: given }
        : { kind: 'invalid', message: 'say whose cards, or which meeting\'s, e.g. "resend JD" or "resend 14/03/2023"' };
    }
    case 'questions': {
      const given = rest.trim();
      const meeting = given ? parseUkDate(given) : null;
      if (given && !meeting)
        return { kind: 'invalid', message: 'say the meeting as dd/MM/yyyy, e.g. "questions 27/04/2021"' };
      return { kind: 'questions', ...(meeting ? { meeting } : {}) };
    }
    case 'question': {
      const number = /^(Q\d{1,3}[a-z]?(?:\/Q?\d{1,3}[a-z]?)*)\s*$/i.exec(rest.trim())?.[1];
      return number
        ? { kind: 'question', number }
        : { kind: 'invalid', message: 'say which question, e.g. "question Q1b"' };
    }
    case 'import': {
      // 'import 14/03/2023' on the first line names the meeting for N/A lines.
      const { meeting, text } = datedText(rest);
      if (text.trim() === '') return paste('import', meeting);
      return { kind: 'import', table: text, ...(meeting ? { meeting } : {}) };
    }
    case 'minutes': {
      // 'minutes 14/03/2023' on the first line: the meeting, when the minutes do not say.
      const { meeting, text } = datedText(rest);
      if (text.trim() === '') return paste('minutes', meeting);
      return { kind: 'minutes', text, ...(meeting ? { meeting } : {}) };
    }
    default:
      return { kind: 'unknown', word };
  }
}
