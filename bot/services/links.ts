// Download links for the Word (and Markdown, CSV) action log and the open minutes, put on the digest
// card. A link names
// exactly one document and carries an expiry and an HMAC signature, so it can be opened from a
// card without signing in, cannot be altered to reach another board or meeting, and stops working
// after LINK_TTL. Sent only to the chair, the secretariat and the board's channel.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IsoDate, Scope } from '../rules/types.ts';

export type DocumentFormat = 'docx' | 'md' | 'csv';
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['docx', 'md', 'csv'];

export interface DocumentRef {
  tenant: string;
  board: string;
  meeting: IsoDate;
  format: DocumentFormat;
  /** 'open': the publishable form, exempt items reduced to "Exempt under ..." (bot/rules/exempt.ts). */
  form?: 'full' | 'open';
}

export interface Links {
  /** The URL of the digest document, valid for the link lifetime from now. */
  digest(scope: Scope, meeting: IsoDate, format?: DocumentFormat, form?: 'full' | 'open'): string;
  /** The document a link's query names, if its signature holds and it has not expired. */
  verify(query: Record<string, unknown>): DocumentRef | null;
  /** The URL of a meeting's open minutes (Word), valid for the link lifetime from now. */
  minutes(scope: Scope, meeting: IsoDate): string;
  /** The meeting whose open minutes a link's query names, if its signature holds and it has not expired. */
  verifyMinutes(query: Record<string, unknown>): (Scope & { meeting: IsoDate }) | null;
}

/** Signed in a digest link's format's place: a minutes link can never pass for a digest link, nor the reverse. */
const OPEN_MINUTES = 'open-minutes';

const LINK_TTL_MS = 14 * 24 * 3600_000;

export function createLinks(opts: { baseUrl: string; secret: Buffer; now: () => Date; ttlMs?: number }): Links {
  // The form is signed too (only when open, so full-form links keep their shape): a link to the
  // open form cannot be turned into one to the full form.
  const sign = (
    ref: Omit<DocumentRef, 'format'> & { format: DocumentFormat | typeof OPEN_MINUTES },
    exp: number,
  ): string =>
    createHmac('sha256', opts.secret)
      .update(
        [ref.tenant, ref.board, ref.meeting, ref.format, exp, ...(ref.form === 'open' ? ['open'] : [])].join('\n'),
      )
      .digest('base64url');
  const base = opts.baseUrl.replace(/\/+$/, '');
  return {
    digest(scope, meeting, format = 'docx', form = 'full') {
      const exp = opts.now().getTime() + (opts.ttlMs ?? LINK_TTL_MS);
      const ref: DocumentRef = {
        tenant: scope.tenant,
        board: scope.board,
        meeting,
        format,
        ...(form === 'open' ? { form } : {}),
      };
      const q = new URLSearchParams({
        tenant: ref.tenant,
        board: ref.board,
        meeting,
        format,
        ...(form === 'open' ? { form } : {}),
        exp: String(exp),
        sig: sign(ref, exp),
      });
      return `${base}/files/digest?${q.toString()}`;
    },
    minutes(scope, meeting) {
      const exp = opts.now().getTime() + (opts.ttlMs ?? LINK_TTL_MS);
      const sig = sign({ tenant: scope.tenant, board: scope.board, meeting, format: OPEN_MINUTES }, exp);
      const q = new URLSearchParams({ tenant: scope.tenant, board: scope.board, meeting, exp: String(exp), sig });
      return `${base}/files/minutes?${q.toString()}`;
    },
    verifyMinutes(query) {
      const s = (k: string): string => (typeof query[k] === 'string' ? (query[k] as string) : '');
      const exp = Number(s('exp'));
      const scope = { tenant: s('tenant'), board: s('board'), meeting: s('meeting') };
      if (!Number.isSafeInteger(exp) || exp < opts.now().getTime()) return null;
      if (!scope.tenant || !scope.board || !/^\d{4}-\d{2}-\d{2}$/.test(scope.meeting)) return null;
      const given = Buffer.from(s('sig'));
      const expected = Buffer.from(sign({ ...scope, format: OPEN_MINUTES }, exp));
      return given.length === expected.length && timingSafeEqual(given, expected) ? scope : null;
    },
    verify(query) {
      const s = (k: string): string => (typeof query[k] === 'string' ? (query[k] as string) : '');
      const format = DOCUMENT_FORMATS.find((f) => f === s('format'));
      const exp = Number(s('exp'));
      if (!format || !Number.isSafeInteger(exp) || exp < opts.now().getTime()) return null;
      const ref: DocumentRef = {
        tenant: s('tenant'),
        board: s('board'),
        meeting: s('meeting'),
        format,
        ...(s('form') === 'open' ? { form: 'open' as const } : {}),
      };
      if (!ref.tenant || !ref.board || !/^\d{4}-\d{2}-\d{2}$/.test(ref.meeting)) return null;
      const given = Buffer.from(s('sig'));
      const expected = Buffer.from(sign(ref, exp));
      return given.length === expected.length && timingSafeEqual(given, expected) ? ref : null;
    },
  };
}
