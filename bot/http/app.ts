// The HTTP surface. Each capability mounts its routes here; this file only wires them.
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from '../log.ts';
import { healthRoute, type StoragePing } from './health.ts';

export interface AppDeps {
  log: Logger;
  storage: StoragePing;
  /** The Bot Framework endpoint (Teams). */
  messages?: RequestHandler;
  /** Documents behind signed links (the digest's Word action log). */
  files?: RequestHandler;
  /** GET /files/minutes: a meeting's open minutes behind a signed link. */
  minutes?: RequestHandler;
  /** The dashboard tab: its pages under /tab and its JSON API under /api/tab (bot/http/tab.ts). */
  tab?: RequestHandler;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', healthRoute(deps.storage));
  // A pasted Actions Arising table is a few KB; 1 MB leaves room and stops abuse early.
  if (deps.messages) app.post('/api/messages', express.json({ limit: '1mb' }), deps.messages);
  if (deps.files) app.get('/files/digest', deps.files);
  if (deps.minutes) app.get('/files/minutes', deps.minutes);
  if (deps.tab) app.use(deps.tab);
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  });
  // Express 5 sends rejected promises here; the client gets no internals. A request the body
  // parser, the router or a route could not read is the caller's mistake (4xx), said in plain words.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const refused = unreadable(err);
    if (refused) {
      deps.log.info('http.refused', {
        method: req.method,
        path: req.path,
        status: refused.status,
        reason: refused.error,
      });
      if (!res.headersSent) res.status(refused.status).json({ error: refused.error });
      return;
    }
    deps.log.error('http.error', { method: req.method, path: req.path, error: err });
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  });
  return app;
}

// What body-parser (its `type`) and the router (a URIError from a path parameter) refuse.
const UNREADABLE: Record<string, string> = {
  'entity.too.large': 'the request body is too large',
  'entity.parse.failed': 'the request body is not valid JSON',
  'charset.unsupported': 'the request body’s charset is not supported: send UTF-8',
  'encoding.unsupported': 'the request body’s encoding is not supported',
};

/** The 4xx answer for a request that could not be read, or null for a fault of ours. A route's own
 *  4xx error says its reason in its message when it marks it safe to show (http-errors' `expose`). */
function unreadable(err: unknown): { status: number; error: string } | null {
  if (typeof err !== 'object' || err === null) return null;
  const { status, type, expose, message } = err as {
    status?: unknown;
    type?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  if (err instanceof URIError)
    return { status, error: 'the address could not be read: it is not valid percent-encoding' };
  const known = typeof type === 'string' ? UNREADABLE[type] : undefined;
  const own =
    type === undefined && expose === true && typeof message === 'string' && message !== '' ? message : undefined;
  return { status, error: known ?? own ?? 'the request could not be read' };
}
