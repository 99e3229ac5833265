import { describe, expect, it } from 'vitest';
import { createLinks } from '../../bot/services/links.ts';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');
let now = new Date('2023-04-04T09:00:00Z');
const links = createLinks({ baseUrl: 'https://pam.example.org/', secret, now: () => now });
const query = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('signed document links', () => {
  it('names one document and verifies', () => {
    const url = links.digest({ tenant: 't1', board: 'PAM' }, '2023-04-11');
    expect(url.startsWith('https://pam.example.org/files/digest?')).toBe(true);
    expect(links.verify(query(url))).toEqual({ tenant: 't1', board: 'PAM', meeting: '2023-04-11', format: 'docx' });
  });

  it('refuses a link altered to reach another board, meeting, tenant or format', () => {
    const q = query(links.digest({ tenant: 't1', board: 'PAM' }, '2023-04-11'));
    for (const [k, v] of [
      ['board', 'OTHER'],
      ['meeting', '2023-05-09'],
      ['tenant', 't2'],
      ['format', 'csv'],
      ['exp', String(Number(q.exp) + 1)],
      ['sig', 'x'],
    ]) {
      expect(links.verify({ ...q, [k as string]: v })).toBeNull();
    }
  });

  it('expires, and a link signed with another secret is worthless', () => {
    const url = links.digest({ tenant: 't1', board: 'PAM' }, '2023-04-11');
    const other = createLinks({
      baseUrl: 'https://pam.example.org',
      secret: Buffer.from('another secret, also 32 characters!'),
      now: () => now,
    });
    expect(other.verify(query(url))).toBeNull();
    now = new Date(now.getTime() + 15 * 24 * 3600_000);
    expect(links.verify(query(url))).toBeNull();
  });

  it("signs a meeting's open minutes apart: neither kind of link passes for the other", () => {
    const url = links.minutes({ tenant: 't1', board: 'PAM' }, '2023-03-14');
    expect(url.startsWith('https://pam.example.org/files/minutes?')).toBe(true);
    expect(links.verifyMinutes(query(url))).toEqual({ tenant: 't1', board: 'PAM', meeting: '2023-03-14' });
    for (const [k, v] of [
      ['board', 'OTHER'],
      ['meeting', '2023-04-11'],
      ['tenant', 't2'],
      ['exp', String(Number(query(url).exp) + 1)],
    ])
      expect(links.verifyMinutes({ ...query(url), [k as string]: v })).toBeNull();
    expect(links.verify({ ...query(url), format: 'docx' })).toBeNull();
    expect(links.verifyMinutes(query(links.digest({ tenant: 't1', board: 'PAM' }, '2023-03-14')))).toBeNull();
  });
});
