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
  if (deps.tab) app.use(deps.tab);
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  });
  // Express 5 sends rejected promises here; the client gets no internals.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    deps.log.error('http.error', { method: req.method, path: req.path, error: err });
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  });
  return app;
}
