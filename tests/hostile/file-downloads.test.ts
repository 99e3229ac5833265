// Downloading a file sent to the bot (bot/teams/download.ts) from a server that misbehaves: too
// large (declared or not), redirected to another scheme or in circles, hanging, or refusing.
// Each is one sentence to the sender, and nothing past the cap is read.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, type DownloadLimits } from '../../bot/teams/download.ts';
import { RefusedError } from '../../bot/rules/refused.ts';

const LIMITS: DownloadLimits = { maxBytes: 1_024, timeoutMs: 2_000, allowHttp: true };

let server: Server;
let base: string;
/** How many bytes the server wrote of the endless body before the client hung up. */
let endlessWritten = 0;

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', base);
  switch (url.pathname) {
    case '/ok':
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '5' });
      return void res.end('hello');
    case '/declared-large':
      res.writeHead(200, { 'content-length': '5000000' });
      return void res.end('x');
    case '/endless': {
      // No Content-Length: chunks until the client goes away.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(256, 1);
      const timer = setInterval(() => {
        endlessWritten += chunk.length;
        res.write(chunk);
      }, 1);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case '/to-ok':
      res.writeHead(302, { location: '/ok' });
      return void res.end();
    case '/to-https':
      res.writeHead(302, { location: `https://127.0.0.1:1/ok` });
      return void res.end();
    case '/loop':
      res.writeHead(302, { location: '/loop' });
      return void res.end();
    case '/gone':
      res.writeHead(404);
      return void res.end();
    case '/hang':
      return; // never answered
  }
  res.writeHead(500);
  res.end();
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function refusal(path: string, limits: DownloadLimits = LIMITS): Promise<string> {
  const err = await download(`${base}${path}`, 'minutes.docx', limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RefusedError);
  return (err as Error).message;
}

describe('downloading a file sent to the bot', () => {
  it('reads the bytes, following a redirect on the same scheme', async () => {
    expect(new TextDecoder().decode(await download(`${base}/ok`, 'a', LIMITS))).toBe('hello');
    expect(new TextDecoder().decode(await download(`${base}/to-ok`, 'a', LIMITS))).toBe('hello');
  });

  it('refuses a file declared larger than the cap without reading it, and one that streams past it', async () => {
    expect(await refusal('/declared-large')).toBe(
      'minutes.docx is larger than 1 KB, more than any minutes: send the Word file of the minutes alone',
    );
    endlessWritten = 0;
    expect(await refusal('/endless', { ...LIMITS, maxBytes: 10_000 })).toMatch(/^minutes.docx is larger than/);
    // It stopped reading at the cap: the server wrote a little past it at most, not for the whole timeout.
    expect(endlessWritten).toBeLessThan(1_000_000);
  });

  it('follows no redirect to another scheme, and not in circles', async () => {
    expect(await refusal('/to-https')).toBe(
      'Teams sent the download of minutes.docx to another kind of link: send it again',
    );
    expect(await refusal('/loop')).toBe(
      'Teams did not give me minutes.docx (it sent me round in circles): send it again',
    );
  });

  it('fetches plain http only with bot authentication off', async () => {
    expect(await refusal('/ok', { ...LIMITS, allowHttp: false })).toBe(
      'Teams gave me a link to minutes.docx I do not fetch (http:): send it again',
    );
    const err = await download('file:///etc/passwd', 'x', LIMITS).catch((e: unknown) => e);
    expect((err as Error).message).toBe('Teams gave me a link to x I do not fetch (file:): send it again');
    expect(((await download('', 'x', LIMITS).catch((e: unknown) => e)) as Error).message).toBe(
      'Teams gave me no link to x that I can read: send it again',
    );
  });

  it('says what Teams answered, and gives up on a server that does not answer', async () => {
    expect(await refusal('/gone')).toBe(
      'I could not download minutes.docx from Teams (it answered 404): send it again',
    );
    expect(await refusal('/hang', { ...LIMITS, timeoutMs: 300 })).toBe(
      'minutes.docx took over 0.3 seconds to download from Teams: send it again',
    );
  });
});
