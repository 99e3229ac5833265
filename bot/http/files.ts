// GET /files/digest?...: the action log behind a signed link (see services/links.ts); GET
// /files/minutes?...: a meeting's open minutes, likewise.
import type { RequestHandler } from 'express';
import { digestCsv } from '../digest/csv.ts';
import { digestDocx } from '../digest/docx.ts';
import { digestMarkdown } from '../digest/markdown.ts';
import type { PapersOptions } from '../digest/text.ts';
import { openMinutesDocx } from '../digest/minutes-docx.ts';
import { buildDigest } from '../services/digest.ts';
import { buildOpenMinutes } from '../services/open-minutes.ts';
import type { Links } from '../services/links.ts';
import type { BoardContext } from '../services/board-context.ts';
import { openForm } from '../rules/exempt.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Scope } from '../rules/types.ts';

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
} as const;

export function digestFileRoute(
  links: Links,
  trackerFor: (scope: Scope) => BoardContext,
  papers: PapersOptions = {},
): RequestHandler {
  return async (req, res) => {
    const ref = links.verify(req.query as Record<string, unknown>);
    if (!ref) {
      res.status(403).json({ error: 'this link is not valid, or has expired: ask the bot for the digest again' });
      return;
    }
    try {
      const full = await buildDigest(trackerFor({ tenant: ref.tenant, board: ref.board }), ref.meeting);
      const digest = ref.form === 'open' ? openForm(full) : full;
      const body =
        ref.format === 'docx'
          ? await digestDocx(digest, papers)
          : ref.format === 'md'
            ? digestMarkdown(digest, papers)
            : digestCsv(digest);
      res.setHeader('Content-Type', TYPES[ref.format]);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${ref.board.replace(/[^\w.-]+/g, '_')}-action-log-${ref.meeting}.${ref.format}"`,
      );
      res.setHeader('Cache-Control', 'private, no-store');
      res.status(200).send(body);
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      res.status(404).json({ error: err.message });
    }
  };
}

/** GET /files/minutes: the open minutes of the meeting a signed link names. */
export function minutesFileRoute(
  links: Links,
  trackerFor: (scope: Scope) => BoardContext,
  papers: PapersOptions = {},
): RequestHandler {
  return async (req, res) => {
    const ref = links.verifyMinutes(req.query as Record<string, unknown>);
    if (!ref) {
      res.status(403).json({ error: 'this link is not valid, or has expired: ask the bot for the digest again' });
      return;
    }
    try {
      const minutes = await buildOpenMinutes(trackerFor({ tenant: ref.tenant, board: ref.board }), ref.meeting);
      const body = await openMinutesDocx(minutes, papers);
      res.setHeader('Content-Type', TYPES.docx);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${ref.board.replace(/[^\w.-]+/g, '_')}-open-minutes-${ref.meeting}.docx"`,
      );
      res.setHeader('Cache-Control', 'private, no-store');
      res.status(200).send(body);
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      res.status(404).json({ error: err.message });
    }
  };
}
