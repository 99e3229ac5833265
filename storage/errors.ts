// The few storage failures callers act on, told apart by HTTP status (the SDK's RestError).

export function statusOf(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'statusCode' in err) {
    const code = (err as { statusCode: unknown }).statusCode;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}

/** 412: the ETag no longer matches, someone else changed the record first. */
export const isConflict = (err: unknown): boolean => statusOf(err) === 412;
/** 409: the record already exists. */
export const isAlreadyExists = (err: unknown): boolean => statusOf(err) === 409;
/** 404: no such record. */
export const isNotFound = (err: unknown): boolean => statusOf(err) === 404;

/** Raised when a change still conflicts after every retry on fresh data. */
export class ConcurrentChangeError extends Error {
  override name = 'ConcurrentChangeError';
}

/** Network failures that happen before a request reaches storage, so nothing can have been written. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const codeOf = (err: unknown): unknown =>
  typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;

/** Network failures on the way to or from storage, including a call given up for taking too long. */
const LOST = new Set([...NOT_SENT, 'ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE']);

/** Whether a call failed for want of an answer from storage (down, unreachable, hanging), not on an answer. */
export function isStorageUnreachable(err: unknown): boolean {
  const code = codeOf(err);
  return (typeof code === 'string' && LOST.has(code)) || (err instanceof Error && err.name === 'AbortError');
}

/**
 * Whether a failed call certainly wrote nothing: storage refused it with a 4xx (a transaction is
 * all or nothing), or it never got there. A timeout or a reset mid-request may have been applied.
 */
export function wroteNothing(err: unknown): boolean {
  const status = statusOf(err);
  if (status !== undefined) return status >= 400 && status < 500;
  const code = codeOf(err);
  return typeof code === 'string' && NOT_SENT.has(code);
}
