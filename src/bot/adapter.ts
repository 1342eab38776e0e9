/**
 * The Bot Framework adapter: token checks on the way in, replies on the way out.
 *
 * With no MicrosoftAppId the adapter runs in local mode (no tokens, for the
 * Agents Playground and tests); with one, every request must carry a valid
 * Bot Framework token or it is refused. The turn-error handler is the last
 * line of defence: the user gets an apology and a reference, the log gets the
 * error, nobody gets a stack trace.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../logging.js';
import { correlationId } from './LscpBot.js';
import { connectorRetryMiddleware, connectorRetrySettings } from './connectorRetry.js';

export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(config.auth as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.use(connectorRetryMiddleware(connectorRetrySettings(config.delivery)));

  if (config.allowedTenantIds.length > 0) {
    const allowed = new Set(config.allowedTenantIds);
    adapter.use(async (context: TurnContext, next) => {
      const tenant = context.activity.conversation?.tenantId ?? (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
      if (!tenant || !allowed.has(tenant)) {
        log.warn({ tenant: tenant ?? null, type: context.activity.type }, 'activity from a tenant that is not allowed; ignored');
        return;
      }
      await next();
    });
  }

  adapter.onTurnError = async (context, error) => {
    const reference = correlationId();
    log.error({ err: error, reference, activityType: context.activity.type, channel: context.activity.channelId }, 'turn failed');
    try {
      await context.sendActivity(
        `Sorry, something went wrong on my side and I could not finish that. Anything you saved earlier is safe. Please try again; if it keeps happening, give your IT team this reference: ${reference}.`,
      );
    } catch (sendError) {
      log.error({ err: sendError, reference }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}
