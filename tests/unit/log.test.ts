import { describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/log.ts';

function capture(level: Parameters<typeof createLogger>[0] = 'info') {
  const lines: string[] = [];
  return { log: createLogger(level, (l) => lines.push(l)), lines };
}

describe('structured logs', () => {
  it('writes one JSON object a line with time, level and event', () => {
    const { log, lines } = capture();
    log.info('import.done', { imported: 6 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'info',
      event: 'import.done',
      imported: 6,
      time: expect.any(String),
    });
  });

  it('never writes a credential, by name or inside a value', () => {
    const { log, lines } = capture();
    log.info('x', {
      token: 'eyJhbGciOi',
      nested: { MicrosoftAppPassword: 'hunter2', connectionString: 'AccountKey=abc' },
      message: 'failed with DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0;EndpointSuffix=x',
      header: 'Bearer eyJ0eXAi.payload.sig',
    });
    const line = lines[0]!;
    for (const secret of ['eyJhbGciOi', 'hunter2', 'AccountKey=abc', 'c2VjcmV0', 'eyJ0eXAi'])
      expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });

  it('drops events below its level', () => {
    const { log, lines } = capture('warn');
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(['loud']);
  });
});
