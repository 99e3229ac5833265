// The board's channel and the other shared conversations: `use this channel for PAM`, and what the
// bot says in a channel or group chat when its answer is for one person alone.
import { bindBoardChannel, type SharedConversation } from '../services/board-channel.ts';
import type { BoardContext } from '../services/board-context.ts';
import { formatLondon } from '../rules/dates.ts';
import { mayChooseBoardChannel } from '../rules/permissions.ts';
import type { Actor } from '../rules/types.ts';
import { onCommandKind, type CommandHandler } from './handler.ts';
import { answered, messageReply, type Reply } from './replies.ts';

/** Typed in a 1:1 chat, where it cannot mean this conversation: say where to type it. */
export const boardChannelCommands: CommandHandler[] = [
  onCommandKind('useChannel', {
    who: mayChooseBoardChannel,
    run: async () =>
      answered(
        messageReply(
          "The board's channel",
          'Type "use this channel for PAM" in the channel the board should use: I post its summaries and digest there.',
        ),
      ),
  }),
];

/** Typed in a channel or group chat: that conversation becomes the board's (the chair or the secretariat). */
export async function chooseBoardChannel(
  t: BoardContext,
  actor: Actor,
  conversation: SharedConversation,
): Promise<Reply> {
  const { binding, previous } = await bindBoardChannel(t, actor, conversation);
  const moved = previous
    ? ` It takes over from the conversation chosen by ${previous.boundBy.name} on ${formatLondon(previous.boundAt)}.`
    : '';
  return messageReply(
    "The board's channel",
    `This is now the ${t.scope.board} board's channel, chosen by ${binding.boundBy.name} on ${formatLondon(binding.boundAt)}: the meetings' summaries and the pre-meeting digest (its open form, exempt items withheld) are posted here.${moved}`,
    'good',
  );
}

/** Someone whose words nobody in the channel may read: a channel or group chat reads as a member would. */
export const channelReader = (conversation: SharedConversation): Actor => ({
  id: `conversation:${conversation.id}`,
  name: 'this conversation',
  channel: 'teams',
});

/** Said where a command was typed when its answer went to the sender's 1:1 chat (or could not). */
export function answeredPrivately(actor: Actor, delivered: boolean): Reply {
  return delivered
    ? messageReply(
        'Answered in your chat',
        `${actor.name}: I have sent my answer to you in our 1:1 chat, so that only you see it.`,
      )
    : messageReply(
        'Not answered here',
        `${actor.name}: my answer is for you alone, and I could not open a 1:1 chat with you. Open a chat with me (the PAM tracker app) and ask me there.`,
        'warning',
      );
}

/** Posted when the app is added to a team or group chat while the board has no channel yet. */
export function welcomeToShared(): Reply {
  return messageReply(
    'PAM action tracker',
    'Hello. I keep the actions and scrutiny questions of the Performance Accountability Meeting. If this is to be the board\'s channel, where the meetings\' summaries and the pre-meeting digest are posted, the chair or the secretariat mentions me here with "use this channel for PAM". Anyone can mention me with "help".',
  );
}
