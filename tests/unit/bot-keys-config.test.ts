// Where the bot reads the Bot Connector's signing keys: botbuilder's own setting, checked once.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.ts';

const KEY = 'ToBotFromChannelOpenIdMetadataUrl';

describe('ToBotFromChannelOpenIdMetadataUrl', () => {
  it("is unset by default, leaving botbuilder on the public cloud's keys", () => {
    expect(loadConfig({ MicrosoftAppId: 'app' }).teams.openIdMetadataUrl).toBeUndefined();
  });

  it('is passed on as given', () => {
    const url = 'https://login.botframework.example/v1/.well-known/openidconfiguration';
    expect(loadConfig({ MicrosoftAppId: 'app', [KEY]: ` ${url} ` }).teams.openIdMetadataUrl).toBe(url);
    expect(
      loadConfig({ MicrosoftAppId: 'app', NODE_ENV: 'production', TABLES_CONNECTION_STRING: 'x', [KEY]: url }).teams
        .openIdMetadataUrl,
    ).toBe(url);
    expect(loadConfig({ MicrosoftAppId: 'app', [KEY]: 'http://127.0.0.1:4000/openid' }).teams.openIdMetadataUrl).toBe(
      'http://127.0.0.1:4000/openid',
    );
  });

  it.each([
    [{ [KEY]: 'login.botframework.com/v1' }, /must be a URL/],
    [
      { [KEY]: 'http://keys.example/openid', NODE_ENV: 'production', TABLES_CONNECTION_STRING: 'x' },
      /must be https in production/,
    ],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig({ MicrosoftAppId: 'app', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ MicrosoftAppId: 'app', ...env })).toThrow(message);
  });
});
