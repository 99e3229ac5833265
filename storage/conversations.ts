// The `conversations` table: where the bot can reach people and channels in Teams, one partition
// a tenant. A reference is a cache of what Teams last told us about a conversation, so writes are
// upserts: every writer holds the same truth, and the newest wins by design.
//   u|{aadObjectId}      the 1:1 chat with a user   send a person their cards
//   c|{conversationId}   a channel or group chat    post a board's summary cards
//   b|{board}            -> conversationId           the channel a board is bound to, by whom and when
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

/** A board's channel, chosen by the chair or the secretariat typing `use this channel` in it. */
export interface BoardBinding {
  conversationId: string;
  boundBy: { personId: string; name: string };
  boundAt: string;
}

export interface ConversationStore {
  get(tenant: string, kind: ConversationKind, id: string): Promise<ConversationRecord | null>;
  save(tenant: string, record: ConversationRecord): Promise<void>;
  /** The channel or group chat the board is bound to, if one is. */
  forBoard(tenant: string, board: string): Promise<ConversationRecord | null>;
  /** Who bound the board's channel, and when. */
  binding(tenant: string, board: string): Promise<BoardBinding | null>;
  /** Makes `conversationId` (already saved) the board's channel. */
  bind(tenant: string, board: string, binding: BoardBinding): Promise<void>;
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
    async binding(tenant, board) {
      const row = await getRow(table, keyPart(tenant), key('b', keyPart(board)));
      // A row without who bound it was written by an install, when any install took the board: not trusted.
      if (!row || typeof row.boundAt !== 'string' || typeof row.boundByPersonId !== 'string') return null;
      return {
        conversationId: String(row.conversationId),
        boundBy: { personId: row.boundByPersonId, name: String(row.boundByName ?? '') },
        boundAt: row.boundAt,
      };
    },
    async forBoard(tenant, board) {
      const bound = await this.binding(tenant, board);
      return bound ? this.get(tenant, 'channel', bound.conversationId) : null;
    },
    async bind(tenant, board, b) {
      const entity = {
        partitionKey: keyPart(tenant),
        rowKey: key('b', keyPart(board)),
        conversationId: b.conversationId,
        boundByPersonId: b.boundBy.personId,
        boundByName: b.boundBy.name,
        boundAt: b.boundAt,
      };
      assertEntityFits(entity);
      await table.upsertEntity(entity, 'Replace');
    },
    async save(tenant, record) {
      const entity = { partitionKey: keyPart(tenant), rowKey: rowFor(record.kind, record.id), ...record };
      assertEntityFits(entity);
      await table.upsertEntity(entity, 'Replace');
    },
  };
}
