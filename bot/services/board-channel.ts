// The board's channel: where its summaries and the pre-meeting digest (open form) are posted.
// It is chosen in the channel itself by the chair or the secretariat, and kept with who and when;
// an install anywhere else never moves it.
import type { BoardBinding, ConversationKind } from '../../storage/conversations.ts';
import { mayChooseBoardChannel } from '../rules/permissions.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Actor } from '../rules/types.ts';
import type { BoardContext } from './board-context.ts';

/** A channel or group chat, as the Teams layer describes the one a message came from. */
export interface SharedConversation {
  kind: Exclude<ConversationKind, 'personal'>;
  /** The channel's id (not a thread's), or the group chat's. */
  id: string;
  /** Where to post in it, serialized as Teams gave it. */
  reference: string;
}

export interface BindResult {
  binding: BoardBinding;
  /** The conversation the board was bound to before, if another. */
  previous: BoardBinding | null;
}

export async function bindBoardChannel(
  t: BoardContext,
  actor: Actor,
  conversation: SharedConversation,
): Promise<BindResult> {
  const ok = mayChooseBoardChannel(actor);
  if (!ok.ok) throw new RefusedError(ok.reason);
  const { tenant, board } = t.scope;
  const at = t.now().toISOString();
  const before = await t.stores.conversations.binding(tenant, board);
  await t.stores.conversations.save(tenant, {
    kind: conversation.kind,
    id: conversation.id,
    reference: conversation.reference,
    board,
    updatedAt: at,
  });
  const binding: BoardBinding = {
    conversationId: conversation.id,
    boundBy: { personId: actor.personId ?? actor.id, name: actor.name },
    boundAt: at,
  };
  await t.stores.conversations.bind(tenant, board, binding);
  return { binding, previous: before && before.conversationId !== conversation.id ? before : null };
}

/** Whether `conversationId` is the board's channel now: nothing of the board goes anywhere else. */
export async function isBoardChannel(t: BoardContext, conversationId: string): Promise<boolean> {
  return (await t.stores.conversations.binding(t.scope.tenant, t.scope.board))?.conversationId === conversationId;
}
