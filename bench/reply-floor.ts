// The floor of benchmark 1: the bare storage calls an owner's reply cannot do without, made with
// @azure/data-tables directly on the same Azurite: a point read of the action's row, then one
// entity-group transaction of the shape the product writes (storage/versioned.ts): the row replaced
// on its ETag, its open-list and owner-index copies upserted, a history row and a request row created.
// The rows are copies of a real action's row and history entry, so the bytes are the product's.
import { randomBytes, randomUUID } from 'node:crypto';
import { odata, TableClient, type TransactionAction } from '@azure/data-tables';

type Props = Record<string, unknown>;

/** A row's own properties, without keys and service metadata. */
function propsOf(row: Props): Props {
  const { partitionKey: _p, rowKey: _r, etag: _e, timestamp: _t, ...rest } = row;
  return Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith('odata.')));
}

/** The action's row and its latest history row, read from the product's actions table. */
export async function rowsOfAction(table: TableClient, actionId: string): Promise<{ main: Props; history: Props }> {
  const rows: Props[] = [];
  const filter = odata`(RowKey eq ${`a|${actionId}`}) or (RowKey ge ${`h|${actionId}|`} and RowKey lt ${`h|${actionId}}`})`;
  for await (const row of table.listEntities<Props>({ queryOptions: { filter } })) rows.push(row);
  const main = rows.find((r) => String(r.rowKey).startsWith('a|'));
  const history = rows.filter((r) => String(r.rowKey).startsWith('h|')).at(-1);
  if (!main || !history) throw new Error(`the rows of action ${actionId} were not found`);
  return { main: propsOf(main), history: propsOf(history) };
}

export interface ReplyFloor {
  /** One reply's storage calls on floor action `n % actions`; resolves with the ms they took. */
  once(n: number): Promise<number>;
  close(): Promise<void>;
}

/** A scratch table on the same Azurite with `actions` copies of the action, ready to be replied to. */
export async function openReplyFloor(
  connectionString: string,
  copy: { main: Props; history: Props },
  actions: number,
): Promise<ReplyFloor> {
  const table = TableClient.fromConnectionString(connectionString, `benchfloor${randomBytes(4).toString('hex')}`, {
    allowInsecureConnection: true,
  });
  await table.createTable();
  const pk = 'local|FLOOR';
  const id = (i: number): string => `2025-01-14.n${String(i + 1).padStart(3, '0')}`;
  const person = (i: number): string => `officer-${i}`;
  for (let i = 0; i < actions; i++) {
    const fields = { ...copy.main, id: id(i), version: 1 };
    await table.submitTransaction([
      ['create', { partitionKey: pk, rowKey: `a|${id(i)}`, ...fields }],
      ['create', { partitionKey: pk, rowKey: `o|${id(i)}`, ...fields }],
      ['create', { partitionKey: pk, rowKey: `p|${person(i)}|${id(i)}`, ...fields }],
      ['create', { partitionKey: pk, rowKey: `h|${id(i)}|${'1'.padStart(9, '0')}`, ...copy.history, version: 1 }],
    ]);
  }
  return {
    async once(n) {
      const i = n % actions;
      const started = performance.now();
      const row = await table.getEntity<Props>(pk, `a|${id(i)}`);
      const next = Number(row.version) + 1;
      const fields = { ...copy.main, id: id(i), version: next };
      const ops: TransactionAction[] = [
        ['update', { partitionKey: pk, rowKey: `a|${id(i)}`, ...fields }, 'Replace', { etag: row.etag }],
        ['upsert', { partitionKey: pk, rowKey: `o|${id(i)}`, ...fields }, 'Replace'],
        ['upsert', { partitionKey: pk, rowKey: `p|${person(i)}|${id(i)}`, ...fields }, 'Replace'],
        [
          'create',
          { partitionKey: pk, rowKey: `h|${id(i)}|${String(next).padStart(9, '0')}`, ...copy.history, version: next },
        ],
        ['create', { partitionKey: pk, rowKey: `r|${randomUUID()}`, recordId: id(i), version: next }],
      ];
      await table.submitTransaction(ops);
      return performance.now() - started;
    },
    close: () => table.deleteTable(),
  };
}
