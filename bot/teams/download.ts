// Downloading a file Teams hands the bot, by its pre-authorised downloadUrl: capped in bytes (the
// cap the minutes readers apply, checked as the bytes arrive) and in time, following a few
// redirects but none to another scheme. Every failure is one sentence the sender can act on.
import { RefusedError } from '../rules/refused.ts';

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
  /**
   * Whether http:// is fetched too. Only with bot authentication off (local development and the
   * tests' loopback Teams stand-in, which serves files over plain http on 127.0.0.1): with it on,
   * the link came in an activity Teams signed, and Teams' links are https.
   */
  allowHttp: boolean;
}

const MAX_REDIRECTS = 3;

const amount = (n: number): string => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
const size = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${amount(bytes / 1024)} KB` : `${amount(bytes / (1024 * 1024))} MB`;

function tooLarge(name: string, limits: DownloadLimits): RefusedError {
  return new RefusedError(
    `${name} is larger than ${size(limits.maxBytes)}, more than any minutes: send the Word file of the minutes alone`,
  );
}

function checkScheme(url: URL, name: string, limits: DownloadLimits): void {
  if (url.protocol === 'https:' || (limits.allowHttp && url.protocol === 'http:')) return;
  throw new RefusedError(`Teams gave me a link to ${name} I do not fetch (${url.protocol}): send it again`);
}

/** The body, refused as soon as it passes the cap (whatever Content-Length said). */
async function readCapped(res: Response, name: string, limits: DownloadLimits): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await res.body?.cancel();
    throw tooLarge(name, limits);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxBytes) {
        await reader.cancel();
        throw tooLarge(name, limits);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks, total);
}

export async function download(url: string, name: string, limits: DownloadLimits): Promise<Uint8Array> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new RefusedError(`Teams gave me no link to ${name} that I can read: send it again`);
  }
  checkScheme(target, name, limits);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    for (let hops = 0; ; hops++) {
      const res = await fetch(target, { redirect: 'manual', signal });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        if (!location || hops >= MAX_REDIRECTS)
          throw new RefusedError(`Teams did not give me ${name} (it sent me round in circles): send it again`);
        const next = new URL(location, target);
        if (next.protocol !== target.protocol)
          throw new RefusedError(`Teams sent the download of ${name} to another kind of link: send it again`);
        target = next;
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new RefusedError(`I could not download ${name} from Teams (it answered ${res.status}): send it again`);
      }
      return await readCapped(res, name, limits);
    }
  } catch (err) {
    if (err instanceof RefusedError) throw err;
    if (signal.aborted)
      throw new RefusedError(
        `${name} took over ${amount(limits.timeoutMs / 1000)} seconds to download from Teams: send it again`,
      );
    throw new RefusedError(`I could not download ${name} from Teams: send it again`, { cause: err });
  }
}
