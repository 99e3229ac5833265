// `help` (the commands this person may use, here), and the answers to what was not understood.
import { messageCard } from '../../cards/index.ts';
import { escapeMarkdown } from '../../cards/text.ts';
import { COMMANDS, MORE_COMMANDS } from '../rules/commands.ts';
import type { Actor } from '../rules/types.ts';
import type { SharedConversation } from '../services/board-channel.ts';
import { onCommandKind, type CommandHandler } from './handler.ts';
import { answered, cardReply, messageReply, type Reply } from './replies.ts';

/**
 * Where a command was typed: the sender's 1:1 chat, or a channel or group chat, where everyone in
 * it reads the answer, so it gets only what the channel may see.
 */
export type Where = { kind: 'personal' } | { kind: 'shared'; conversation: SharedConversation };

export const PERSONAL: Where = { kind: 'personal' };

/** Whether help lists a command to this person (COMMANDS' `who`: 'everyone' or the roles). */
const listedFor = (actor: Actor, c: { who: string }): boolean =>
  c.who === 'everyone' || Boolean(actor.role && c.who.includes(actor.role));

export function helpFor(actor: Actor, where: Where = PERSONAL): Reply {
  // The name is the caller's own words: shown as typed, never as markdown.
  const hello = `Hello ${escapeMarkdown(actor.name)}.`;
  const shared = where.kind === 'shared';
  const allowed = [...COMMANDS, ...MORE_COMMANDS].filter((c) => listedFor(actor, c) && (!shared || 'inShared' in c));
  const intro = shared
    ? `${hello} Here I answer only what everyone in this conversation may read. Anything else you ask me here (your actions, outstanding, the digest...) I answer in your 1:1 chat with me.`
    : actor.personId
      ? `${hello} I keep the actions of the Performance Accountability Meeting: each owner gets a card to reply on, and the chair sees what is outstanding.`
      : `${hello} I keep the actions of the Performance Accountability Meeting. You are not in the directory yet: ask the secretariat to add you (by your work email).`;
  return cardReply(
    messageCard({
      title: 'PAM action tracker',
      text: `${intro}\n\n${allowed.map((c) => `- **${c.usage}**: ${c.does}`).join('\n')}`,
      markdown: true,
    }),
  );
}

export const helpCommands: CommandHandler[] = [
  onCommandKind('help', { run: async (_t, actor) => answered(helpFor(actor)) }),
  onCommandKind('unknown', {
    run: async (_t, _actor, command) =>
      answered(
        messageReply('Not understood', `I don't know "${command.word}". Type help to see what I can do.`, 'warning'),
      ),
  }),
  onCommandKind('invalid', {
    run: async (_t, _actor, command) => answered(messageReply('Not understood', command.message, 'warning')),
  }),
];
