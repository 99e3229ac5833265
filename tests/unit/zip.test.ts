// The checks of tests/helpers/unzip.ts, which the tests of the Word documents and the app package rely on.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, unzip } from '../helpers/unzip.ts';

describe('the test reader', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('refuses an entry that does not match the CRC-32 its directory records', () => {
    const archive = Buffer.from(zipSync({ 'a.txt': Buffer.from('hello, world') }));
    expect(unzip(archive).get('a.txt')?.toString()).toBe('hello, world');
    // The central directory (where the reader takes the CRC from) starts where the end record says.
    const directory = archive.readUInt32LE(archive.length - 22 + 16);
    const damaged = Buffer.from(archive);
    damaged.writeUInt32LE((archive.readUInt32LE(directory + 16) ^ 1) >>> 0, directory + 16);
    expect(() => unzip(damaged)).toThrow(/CRC-32/);
  });
});
