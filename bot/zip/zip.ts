// A small ZIP writer (no zip package is installed): each file deflated (or stored, if deflating
// does not make it smaller) behind its local header, then the central directory and the
// end-of-central-directory record. No ZIP64 (under 4 GB and 65,535 files), no encryption.
// Every entry is dated 1980-01-01 00:00, the first DOS date, so the same files make the same bytes.
import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.ts';

export interface ZipFile {
  /** The path inside the zip, with forward slashes. */
  name: string;
  data: Uint8Array;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
const VERSION = 20; // 2.0: deflate
const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const UTF8_NAMES = 0x0800;

export interface ZipOptions {
  /** zlib's deflate level, 1 (fastest) to 9 (smallest, the default: the app package is tiny). */
  level?: number;
}

export function zip(files: readonly ZipFile[], options: ZipOptions = {}): Buffer {
  const level = options.level ?? 9;
  if (files.length > 0xffff) throw new Error('too many files for a zip without ZIP64');
  const seen = new Set<string>();
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    if (!file.name || file.name.startsWith('/') || file.name.includes('\\') || file.name.split('/').includes('..')) {
      throw new Error(`bad name in zip: "${file.name}"`);
    }
    if (seen.has(file.name)) throw new Error(`"${file.name}" is in the zip twice`);
    seen.add(file.name);
    const name = Buffer.from(file.name, 'utf8');
    const deflated = deflateRawSync(file.data, { level });
    const method = deflated.length < file.data.length ? 8 : 0;
    const body = method === 8 ? deflated : Buffer.from(file.data);
    const crc = crc32(file.data);
    if (body.length > 0xffffffff || file.data.length > 0xffffffff || offset > 0xffffffff) throw new Error('zip too large without ZIP64');
    const flags = /^[\x20-\x7e]*$/.test(file.name) ? 0 : UTF8_NAMES;

    // The local header and the central directory entry describe the file with the same fields, in
    // the same order, from "needed to extract" on; the rest of each (extra lengths...) stays 0.
    const describe = (header: Buffer, at: number): Buffer => {
      header.writeUInt16LE(VERSION, at); // needed to extract
      header.writeUInt16LE(flags, at + 2);
      header.writeUInt16LE(method, at + 4);
      header.writeUInt16LE(DOS_TIME, at + 6);
      header.writeUInt16LE(DOS_DATE, at + 8);
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(body.length, at + 14);
      header.writeUInt32LE(file.data.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
      return header;
    };
    const local = describe(Buffer.alloc(30), 4);
    local.writeUInt32LE(LOCAL, 0);
    parts.push(local, name, body);

    const entry = describe(Buffer.alloc(46), 6);
    entry.writeUInt32LE(CENTRAL, 0);
    entry.writeUInt16LE(VERSION, 4); // made by: MS-DOS / FAT attributes, 2.0
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);

    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  // this disk, the directory's disk: 0
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  // comment length: 0
  return Buffer.concat([...parts, directory, end]);
}
