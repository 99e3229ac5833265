// GET /healthz: 200 once storage answers, 503 with the reason while it does not, so a load
// balancer or orchestrator stops sending work to an instance that cannot store it.
import type { RequestHandler } from 'express';

export interface StoragePing {
  ping(): Promise<void>;
}

export function healthRoute(storage: StoragePing): RequestHandler {
  return async (_req, res) => {
    try {
      await storage.ping();
      res.status(200).json({ status: 'ok', storage: 'ok' });
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      res.status(503).json({ status: 'unavailable', storage: 'error', reason });
    }
  };
}
