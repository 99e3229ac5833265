// Just enough of the ZIP format to read a .docx in a test (no zip package is installed): find the
// end-of-central-directory record, walk the central directory, and inflate each entry from its
// local header. Stored (0) and deflated (8) entries; no ZIP64, no encryption. Each entry's size
// and CRC-32 are checked against what it inflates to, as an archive tool would.
import { inflateRawSync } from 'node:zlib';
import { tableCrc32 } from '../../bot/zip/crc32.ts';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function endOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= lowest; at--) if (zip.readUInt32LE(at) === EOCD) return at;
  throw new Error('not a zip: no end-of-central-directory record');
}

/** The entries of the central directory, in order. */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const eocd = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error(`bad central directory entry at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function inflate(raw: Buffer, entry: ZipEntry): Buffer {
  if (entry.method === 0) return Buffer.from(raw);
  if (entry.method === 8) return inflateRawSync(raw);
  throw new Error(`${entry.name}: compression method ${entry.method} not supported`);
}

/** One entry's content, inflated; throws if its size or CRC-32 is not the one recorded. */
export function readEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (zip.readUInt32LE(at) !== LOCAL) throw new Error(`bad local header for ${entry.name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = inflate(zip.subarray(start, start + entry.compressedSize), entry);
  if (data.length !== entry.size) throw new Error(`${entry.name}: ${data.length} bytes, the directory says ${entry.size}`);
  // The table-driven CRC, not zlib's that the writer may use: an independent check.
  if (tableCrc32(data) !== entry.crc) throw new Error(`${entry.name}: CRC-32 does not match`);
  return data;
}

/** Every entry of a zip, by name. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  return new Map(zipEntries(zip).map((e) => [e.name, readEntry(zip, e)]));
}
