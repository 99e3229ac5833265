// What a request id stands for. A request row (`r|{requestId}`, storage/versioned.ts) records the
// record, the actor, the verb and a digest of what was asked, so that a retry of the same request is
// recognised and a request id reused for anything else is refused rather than answered "Saved".
import { createHash } from 'node:crypto';

/** The parts of a request that matter: flat, so that its digest is the same however it was built. */
export type RequestPayload = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** A request as the caller makes it: its id (the Teams activity id, the tab's requestId), who, what. */
export interface RequestMark {
  id: string;
  /** The actor's id (a directory person id, or a label such as `aad:...`). */
  actor: string;
  /** What was asked: 'reply', 'delegate', 'decide', ... */
  verb: string;
  /** requestDigest of the payload. */
  digest: string;
}

/** What a request row says it was for. Rows written before these were recorded hold only the record id. */
export interface RequestRow {
  recordId?: string;
  kind?: string;
  actor?: string;
  verb?: string;
  digest?: string;
}

export const REQUEST_REUSED = 'this request id was already used for another change';

/** Raised when a request id that was applied to one change comes back with another. */
export class RequestReusedError extends Error {
  override name = 'RequestReusedError';
  constructor() {
    super(REQUEST_REUSED);
  }
}

/** SHA-256 (hex) of the payload's defined fields in key order: the same payload, the same digest. */
export function requestDigest(payload: RequestPayload): string {
  const defined = Object.keys(payload)
    .sort()
    .flatMap((k) => (payload[k] === undefined ? [] : [[k, payload[k]]]));
  return createHash('sha256').update(JSON.stringify(defined)).digest('hex');
}

/** The request to record, when there is a request id at all. */
export function requestMark(
  id: string | undefined,
  actor: string,
  verb: string,
  payload: RequestPayload,
): RequestMark | undefined {
  return id === undefined ? undefined : { id, actor, verb, digest: requestDigest(payload) };
}

/** The request row's columns (besides the version its change produced). */
export function requestFields(kind: string, recordId: string, r: RequestMark): Required<RequestRow> {
  return { recordId, kind, actor: r.actor, verb: r.verb, digest: r.digest };
}

/** A stored request row's columns, as far as it has them. */
export function readRequestRow(row: Readonly<Record<string, unknown>>): RequestRow {
  const out: RequestRow = {};
  for (const k of ['recordId', 'kind', 'actor', 'verb', 'digest'] as const) {
    const v = row[k];
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/**
 * Whether a stored request row is this very request (a retry) rather than its id reused for another
 * change. A row without a digest predates these columns: it matches by id alone, as it always did.
 */
export function sameRequest(row: RequestRow, kind: string, recordId: string, r: RequestMark): boolean {
  if (row.digest === undefined) return true;
  return row.kind === kind && row.recordId === recordId && sameAsk(row, r);
}

/** Whether the same person asked the same thing (of one record): a retry, if under one request id. */
export function sameAsk(a: Pick<RequestRow, 'actor' | 'verb' | 'digest'>, b: RequestMark): boolean {
  return a.actor === b.actor && a.verb === b.verb && a.digest === b.digest;
}
