// The one list of what people can do in the conversation, grouped by what they are doing: each
// command (named for help and the manifest in rules/commands.ts) and each card verb (named for the
// templates in cards/verbs.ts) has exactly one handler, which says who may use it.
import type { CommandKind } from '../rules/commands.ts';
import { actionButtons, actionCommands } from './actions.ts';
import { boardChannelCommands } from './board-channel.ts';
import { calendarCommands } from './calendar.ts';
import { directoryCommands } from './directory.ts';
import type { CardHandler, CommandHandler } from './handler.ts';
import { helpCommands } from './help.ts';
import { minutesButtons, minutesCommands } from './minutes.ts';
import { papersButtons, papersCommands } from './papers.ts';
import { pasteHandlers } from './paste.ts';
import { questionButtons, questionCommands } from './questions.ts';
import { resendCommands } from './resend.ts';

// The paste card runs the command it was drawn for: looked up when pressed, once the registry is built.
const pasting = pasteHandlers((kind) => commandHandler(kind));

export const COMMAND_HANDLERS: readonly CommandHandler[] = [
  ...actionCommands,
  ...minutesCommands,
  pasting.command,
  ...questionCommands,
  ...papersCommands,
  ...calendarCommands,
  ...directoryCommands,
  ...resendCommands,
  ...boardChannelCommands,
  ...helpCommands,
];

export const CARD_HANDLERS: readonly CardHandler[] = [
  ...actionButtons,
  ...questionButtons,
  ...papersButtons,
  ...minutesButtons,
  pasting.button,
];

function byKey<K extends string, H>(handlers: readonly H[], key: (h: H) => K): ReadonlyMap<K, H> {
  const map = new Map<K, H>();
  for (const h of handlers) {
    if (map.has(key(h))) throw new Error(`two handlers for ${key(h)}`);
    map.set(key(h), h);
  }
  return map;
}

const COMMANDS_BY_KIND = byKey(COMMAND_HANDLERS, (h) => h.command);
const CARDS_BY_VERB = byKey<string, CardHandler>(CARD_HANDLERS, (h) => h.verb);

export const commandHandler = (kind: CommandKind): CommandHandler | undefined => COMMANDS_BY_KIND.get(kind);

/** The handler of a verb a card sent; undefined for one no card offers (a Map: 'constructor' is not a key). */
export const cardHandler = (verb: string): CardHandler | undefined => CARDS_BY_VERB.get(verb);
