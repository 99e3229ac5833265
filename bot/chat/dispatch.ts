// The bot's conversation, free of any Teams SDK: a command or a card action from a known actor
// comes in, its handler (registry.ts) runs if the actor may use it, and cards go back. bot/teams
// only translates activities, and draws proactive cards with bot/present.
import type { BoardContext } from '../services/board-context.ts';
import { answeredInShared, type Command } from '../rules/commands.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Actor, IsoDate } from '../rules/types.ts';
import type { SharedConversation } from '../services/board-channel.ts';
import { chooseBoardChannel, channelReader } from './board-channel.ts';
import { actionIdOf } from './card-inputs.ts';
import type { PapersEnv, Who } from './handler.ts';
import { helpFor, PERSONAL, type Where } from './help.ts';
import { minutesFile, type ReceivedFile } from './minutes.ts';
import { cardHandler, commandHandler } from './registry.ts';
import {
  answered,
  cardNotice,
  messageReply,
  type CardAction,
  type CardOutcome,
  type CommandOutcome,
} from './replies.ts';

export { answeredPrivately, welcomeToShared } from './board-channel.ts';
export { failedCard, type Failure } from './failed.ts';
export type { PapersEnv } from './handler.ts';
export type { Where } from './help.ts';
export type { ReceivedFile } from './minutes.ts';
export type { CardAction, CardOutcome, CommandOutcome, Reply } from './replies.ts';

/** A refusal, said where the command was typed. */
const notDone = (err: RefusedError): CommandOutcome => answered(messageReply('Not done', err.message, 'attention'));

/** Runs what was asked if the actor may ask it; a refusal, before or during, is answered "Not done". */
async function allowed(
  who: Who | undefined,
  actor: Actor,
  run: () => Promise<CommandOutcome>,
): Promise<CommandOutcome> {
  try {
    const may = who?.(actor);
    if (may && !may.ok) throw new RefusedError(may.reason);
    return await run();
  } catch (err) {
    if (err instanceof RefusedError) return notDone(err);
    throw err;
  }
}

/**
 * A command typed in a channel or group chat: the few commands with nothing personal in them are
 * answered there, drawn as the channel may read them; every other answer goes to the sender alone.
 */
async function onSharedCommand(
  t: BoardContext,
  actor: Actor,
  command: Command,
  env: PapersEnv,
  conversation: SharedConversation,
): Promise<CommandOutcome> {
  if (!answeredInShared(command)) {
    const answer = await onCommand(t, actor, command, env, PERSONAL);
    return { replies: [], privately: answer.replies, queued: answer.queued };
  }
  switch (command.kind) {
    case 'help':
      return answered(helpFor(actor, { kind: 'shared', conversation }));
    case 'useChannel':
      try {
        return answered(await chooseBoardChannel(t, actor, conversation));
      } catch (err) {
        if (err instanceof RefusedError) return notDone(err);
        throw err;
      }
    default:
      return onCommand(t, channelReader(conversation), command, env, PERSONAL);
  }
}

export async function onCommand(
  t: BoardContext,
  actor: Actor,
  command: Command,
  env: PapersEnv = {},
  where: Where = PERSONAL,
): Promise<CommandOutcome> {
  if (where.kind === 'shared') return onSharedCommand(t, actor, command, env, where.conversation);
  const handler = commandHandler(command.kind);
  // Every command has its handler (tests/unit/registry.test.ts): this is a bug, not a person's mistake.
  if (!handler) throw new Error(`no handler for the command "${command.kind}"`);
  return allowed(handler.who, actor, () => handler.run(t, actor, command, env));
}

/**
 * Files sent to the bot: the minutes of a meeting, one file at a time, read and previewed
 * (`meeting` when the message named one). Minutes can hold exempt business, so a file sent in a
 * channel or group chat is not read there: the sender is asked, in their 1:1 chat, to send it there.
 */
export async function onFile(
  t: BoardContext,
  actor: Actor,
  files: readonly ReceivedFile[],
  where: Where = PERSONAL,
  meeting?: IsoDate,
): Promise<CommandOutcome> {
  const names = files.map((f) => f.name).join(', ');
  if (where.kind === 'shared') {
    const answer = await allowed(minutesFile.who, actor, async () =>
      answered(
        messageReply(
          'Send the minutes here',
          `I read minutes only in our 1:1 chat, where nobody else sees them: send ${names} to me here.`,
        ),
      ),
    );
    return { replies: [], privately: answer.replies, queued: false };
  }
  const [file, ...more] = files;
  if (!file || more.length > 0)
    return answered(
      messageReply(
        'One file at a time',
        `This message has ${files.length} files (${names}): send me the minutes alone.`,
        'warning',
      ),
    );
  return allowed(minutesFile.who, actor, () => minutesFile.run(t, actor, file, meeting));
}

export async function onCardAction(t: BoardContext, actor: Actor, action: CardAction): Promise<CardOutcome> {
  const handler = cardHandler(action.verb);
  if (!handler)
    // A verb no card offers is answered as an action card's was: naming a missing action first.
    return actionIdOf(action.data)
      ? cardNotice('Not understood', `This card asked for "${action.verb}", which I don't know.`)
      : cardNotice('Not understood', 'This card does not name an action I know.');
  const may = handler.who?.(actor);
  if (may && !may.ok) return cardNotice('Not available', may.reason);
  return handler.run(t, actor, action);
}
