// The server's own HTTP app (bot/http/app.ts) asked at a route, with storage that answers and a bot
// endpoint that only notes it was reached: do the templates' paths lead where they should?
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../bot/http/app.ts';
import { createLogger } from '../../bot/log.ts';

/** The status the app answers at `route` (GET, or POST with an empty JSON body), and whether it reached the bot. */
export async function served(route: string, method: 'GET' | 'POST' = 'GET'): Promise<{ status: number; bot: boolean }> {
  let bot = false;
  const app = createApp({
    log: createLogger('error', () => {}),
    storage: { ping: async () => {} },
    messages: (_req, res) => {
      bot = true;
      res.status(200).end();
    },
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${route}`, {
      method,
      ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
    });
    return { status: res.status, bot };
  } finally {
    server.close();
  }
}
