// The Word package as zipped by fflate, read back with tests/helpers/unzip.ts; and that helper's
// own checks, which the other tests of the Word document and the app package rely on.
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wordPackage, type WordParts } from '../../bot/digest/word-package.ts';
import { crc32, unzip } from '../helpers/unzip.ts';

const PARTS: WordParts = {
  document: '<w:document>Überblick</w:document>',
  styles: '<w:styles/>',
  footer: '<w:ftr/>',
  title: 'Action log & digest',
  creator: 'PAM',
  description: 'Compiled 2023-03-10T09:00:00.000Z',
  created: '2023-03-10T09:00:00.000Z',
};

afterEach(() => {
  vi.useRealTimers();
});

describe('the Word package', () => {
  it('holds [Content_Types].xml first, then the parts around the document, each as given', () => {
    const files = unzip(wordPackage(PARTS));
    expect([...files.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'word/_rels/document.xml.rels',
      'word/document.xml',
      'word/styles.xml',
      'word/settings.xml',
      'word/footer1.xml',
      'docProps/core.xml',
    ]);
    expect(files.get('word/document.xml')?.toString('utf8')).toBe(PARTS.document);
    expect(files.get('word/footer1.xml')?.toString('utf8')).toBe(PARTS.footer);
    expect(files.get('docProps/core.xml')?.toString('utf8')).toContain('<dc:title>Action log &amp; digest</dc:title>');
  });

  it('is the same bytes from the same input on another day', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2023-03-10T09:00:00Z'));
    const first = wordPackage(PARTS);
    vi.setSystemTime(new Date('2031-11-27T17:45:13Z'));
    expect(wordPackage(PARTS).equals(first)).toBe(true);
  });
});

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
