// The Bot Framework adapter. With an app id, every incoming request's token is validated (and an
// unauthenticated one gets 401) and replies carry the bot's token; without one the bot runs for
// local use only, and says so.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { TeamsConfig } from '../config.ts';
import type { Logger } from '../log.ts';

export function createAdapter(teams: TeamsConfig, log: Logger): CloudAdapter {
  // botbuilder reads its settings under these names.
  const settings = {
    MicrosoftAppId: teams.appId ?? '',
    MicrosoftAppPassword: teams.appPassword ?? '',
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.appTenantId ?? '',
    CertificateThumbprint: teams.certificateThumbprint ?? '',
    CertificatePrivateKey: teams.certificatePrivateKey ?? '',
  };
  if (!teams.appId) {
    log.warn('teams.unauthenticated', {
      message: 'MicrosoftAppId is not set: requests to /api/messages are NOT authenticated. For local use only (the Agents Playground); never expose this port.',
    });
  }
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error('teams.turn_failed', { type: context.activity.type, name: context.activity.name, conversation: context.activity.conversation?.id, error });
    // Tell the person rather than leave them waiting; invokes get their answer as the HTTP response.
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on my side and nothing was saved. Please try again in a minute.').catch(() => undefined);
    }
  };
  return adapter;
}
