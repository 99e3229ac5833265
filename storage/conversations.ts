// The `conversations` table: where the bot can reach people and channels in Teams, one partition
// a tenant. A reference is a cache of what Teams last told us about a conversation, so writes are
// upserts: every writer holds the same truth, and the newest wins by design.
//   u|{aadObjectId}      the 1:1 chat with a user   send a person their cards
//   c|{conversationId}   a channel or group chat    post a board's summary cards
//   b|{board}            -> conversationId           the channel that follows a board
import { type TableClient } from '@azure/data-tables';
import { key, keyPart } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import { getRow } from './rows.ts';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface ConversationRecord {
  kind: ConversationKind;
  /** The user's Entra object id for a personal chat, the conversation id otherwise. */
  id: string;
  /** The channel's reference, serialized as Teams gave it (serviceUrl, conversation, bot...). */
  reference: string;
  /** The board a channel or group chat follows. */
  board?: string;
  updatedAt: string;
}

const rowFor = (kind: ConversationKind, id: string): string =>
  kind === 'personal' ? key('u', keyPart(id.toLowerCase())) : key('c', keyPart(id));

export interface ConversationStore {
  get(tenant: string, kind: ConversationKind, id: string): Promise<ConversationRecord | null>;
  save(tenant: string, record: ConversationRecord): Promise<void>;
  /** The channel or group chat that follows the board, if one does. */
  forBoard(tenant: string, board: string): Promise<ConversationRecord | null>;
  /** Makes `conversationId` the board's channel (the latest install wins). */
  follow(tenant: string, board: string, conversationId: string): Promise<void>;
}

export function createConversationStore(table: TableClient): ConversationStore {
  return {
    async get(tenant, kind, id) {
      const e = await getRow(table, keyPart(tenant), rowFor(kind, id));
      if (!e) return null;
      return {
        kind: e.kind as ConversationKind,
        id: String(e.id),
        reference: String(e.reference),
        ...(typeof e.board === 'string' ? { board: e.board } : {}),
        updatedAt: String(e.updatedAt),
      };
    },
    async forBoard(tenant, board) {
      const row = await getRow(table, keyPart(tenant), key('b', keyPart(board)));
      return row ? this.get(tenant, 'channel', String(row.conversationId)) : null;
    },
    async follow(tenant, board, conversationId) {
      await table.upsertEntity({ partitionKey: keyPart(tenant), rowKey: key('b', keyPart(board)), conversationId }, 'Replace');
    },
    async save(tenant, record) {
      const entity = { partitionKey: keyPart(tenant), rowKey: rowFor(record.kind, record.id), ...record };
      assertEntityFits(entity);
      await table.upsertEntity(entity, 'Replace');
    },
  };
}
