// CRC-32 (IEEE 802.3, the polynomial PNG and ZIP both use). zlib's own where Node has it (20.15
// onwards): on a Word log of many megabytes it is about ten times quicker than the table.
import * as zlib from 'node:zlib';

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Table-driven, for a Node without zlib.crc32; exported so the tests hold it to zlib's. */
export function tableCrc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = (TABLE[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

// Typed as optional: @types/node declares it, but Node 20.11 to 20.14 (package.json's engines) lack it.
const native = (zlib as Partial<typeof zlib>).crc32;

export const crc32: (data: Uint8Array, crc?: number) => number = native ? (data, crc = 0) => native(data, crc) : tableCrc32;
