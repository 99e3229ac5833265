// The ZIP writer and CRC-32 that the app package and the Word digest share.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc32, tableCrc32 } from '../../bot/zip/crc32.ts';
import { zip } from '../../bot/zip/zip.ts';
import { unzip, zipEntries } from '../helpers/unzip.ts';

describe('crc32', () => {
  it('gives the standard check value, and the table and zlib agree, in one go or in pieces', () => {
    const check = Buffer.from('123456789');
    expect(crc32(check)).toBe(0xcbf43926);
    expect(tableCrc32(check)).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
    const data = randomBytes(100_003);
    expect(tableCrc32(data)).toBe(crc32(data));
    expect(crc32(data.subarray(50_000), crc32(data.subarray(0, 50_000)))).toBe(crc32(data));
    expect(tableCrc32(data.subarray(50_000), tableCrc32(data.subarray(0, 50_000)))).toBe(crc32(data));
  });
});

describe('zip', () => {
  it('writes what the reader reads: deflated, stored, empty and non-ASCII names', () => {
    const random = randomBytes(300);
    const files = [
      { name: 'manifest.json', data: Buffer.from(JSON.stringify({ a: 'x'.repeat(2000) })) },
      { name: 'random.bin', data: random },
      { name: 'empty.txt', data: Buffer.alloc(0) },
      { name: 'dir/Überblick.txt', data: Buffer.from('ünïcödé') },
    ];
    const archive = zip(files);
    const entries = zipEntries(archive);
    expect(entries.map((e) => [e.name, e.method])).toEqual([['manifest.json', 8], ['random.bin', 0], ['empty.txt', 0], ['dir/Überblick.txt', 0]]);
    const read = unzip(archive);
    for (const f of files) expect(read.get(f.name)).toEqual(f.data);
    expect(zip(files)).toEqual(archive);
  });

  it('refuses unsafe or repeated names', () => {
    expect(() => zip([{ name: '../x', data: Buffer.alloc(1) }])).toThrow(/bad name/);
    expect(() => zip([{ name: 'a', data: Buffer.alloc(1) }, { name: 'a', data: Buffer.alloc(1) }])).toThrow(/twice/);
  });
});

describe('zip at a chosen deflate level', () => {
  const xml = Buffer.from('<w:tr><w:tc><w:p><w:r><w:t>row</w:t></w:r></w:p></w:tc></w:tr>'.repeat(20_000));

  it('reads back the same at level 1 and 9, and level 9 is the default', () => {
    const fast = zip([{ name: 'a.xml', data: xml }], { level: 1 });
    const small = zip([{ name: 'a.xml', data: xml }], { level: 9 });
    // Buffer.equals: a deep comparison of megabytes is slow in expect.
    expect(unzip(fast).get('a.xml')?.equals(xml)).toBe(true);
    expect(unzip(small).get('a.xml')?.equals(xml)).toBe(true);
    expect(fast.length).toBeGreaterThan(small.length);
    expect(zip([{ name: 'a.xml', data: xml }]).equals(small)).toBe(true);
  });

  it('is caught by the reader when an entry does not match its CRC', () => {
    const archive = zip([{ name: 'a.txt', data: Buffer.from('hello, world') }]);
    expect(unzip(archive).get('a.txt')?.toString()).toBe('hello, world');
    // The central directory (where the reader takes the CRC from) starts where the end record says.
    const directory = archive.readUInt32LE(archive.length - 22 + 16);
    const damaged = Buffer.from(archive);
    damaged.writeUInt32LE((archive.readUInt32LE(directory + 16) ^ 1) >>> 0, directory + 16);
    expect(() => unzip(damaged)).toThrow(/CRC-32/);
  });
});
