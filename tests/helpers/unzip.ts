// Reads a zip in a test with fflate, then holds each entry to the size and CRC-32 its central
// directory records, as Word and archive tools do (fflate's reader does not check them).
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';

/** zlib's CRC-32 (IEEE, as ZIP and PNG use): a gzip member ends with its data's CRC-32 and length. */
export function crc32(data: Uint8Array): number {
  const gz = gzipSync(data, { level: 0 });
  return gz.readUInt32LE(gz.length - 8);
}

/** Every entry of a zip, by name, in the order of its central directory. */
export function unzip(zip: Uint8Array): Map<string, Buffer> {
  const files = unzipSync(zip);
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.length);
  // The end-of-central-directory record says how many entries there are and where they start.
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out = new Map<string, Buffer>();
  for (let n = buf.readUInt16LE(end + 10), at = buf.readUInt32LE(end + 16); n > 0; n--) {
    const nameEnd = at + 46 + buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, nameEnd);
    const data = files[name];
    if (!data) throw new Error(`${name}: in the central directory but not read`);
    if (data.length !== buf.readUInt32LE(at + 24))
      throw new Error(`${name}: ${data.length} bytes, the directory says ${buf.readUInt32LE(at + 24)}`);
    if (crc32(data) !== buf.readUInt32LE(at + 16)) throw new Error(`${name}: CRC-32 does not match`);
    out.set(name, Buffer.from(data.buffer, data.byteOffset, data.length));
    at = nameEnd + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return out;
}
