/**
 * The Bot Framework adapter: replies on the way out, and the turn-error handler.
 *
 * Token checks on the way in happen at the door (src/server/messagesRoute.ts)
 * with the same authentication object, so that a token the bot cannot check is
 * a plain 401 rather than botbuilder's 500 with its error text; the adapter
 * then runs the turn from the already-checked result. With no MicrosoftAppId
 * the bot runs in local mode (no tokens, for the Agents Playground and tests).
 * The turn-error handler is the last line of defence: the user gets an apology
 * and a reference, the log gets the error, nobody gets a stack trace.
 */
import { AuthenticationConstants, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import { keptUnlessRejected, LruCache } from '../lruCache.js';
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../logging.js';
import type { AuthenticateRequestResult } from '../server/authenticate.js';
import { correlationId } from './LscpBot.js';
import { connectorRetryMiddleware, connectorRetrySettings } from './connectorRetry.js';

/** Channel services (and bot app ids) a process talks to: one per cloud in practice; the bound only guards against surprises. */
const CONNECTORS_KEPT = 100;

/**
 * CloudAdapter with its processActivity open to the door, which has already checked the token.
 *
 * botbuilder builds a new ConnectorClient (credentials and an HTTP pipeline) for every turn; the
 * client holds nothing of the turn, so one per channel service and audience is kept and reused.
 */
export class LscpAdapter extends CloudAdapter {
  private readonly connectors = new LruCache<string, Promise<ConnectorClient>>(CONNECTORS_KEPT);

  runAuthenticated(result: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const factory = result.connectorFactory;
    if (!factory) return this.processActivity(result, activity, logic);
    const connectorFactory: ConnectorFactory = {
      create: (serviceUrl: string, audience?: string) => {
        // A failure (the token service down, say) is not kept: the next turn tries afresh.
        return keptUnlessRejected(this.connectors, `${serviceUrl}\u0000${audience ?? ''}`, () => factory.create(serviceUrl, audience));
      },
    };
    return this.processActivity({ ...result, connectorFactory }, activity, logic);
  }
}

/**
 * The authentication botbuilder is given, keeping one UserTokenClient per bot app id.
 *
 * botbuilder makes one (credentials and a token-service HTTP pipeline) for every turn, though
 * this bot never signs anyone in; like the connector, the client holds nothing of the turn.
 */
export class LscpAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly userTokenClients = new LruCache<string, Promise<UserTokenClient>>(CONNECTORS_KEPT);

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    // The app id as botbuilder reads it: the audience for a channel's token, the appid claim for the Emulator's.
    const key = identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
    return keptUnlessRejected(this.userTokenClients, key, () => super.createUserTokenClient(identity));
  }
}

/**
 * botbuilder takes the endpoint settings as all-or-nothing: once any one is set
 * it uses exactly what it is given, and an unset one stays unset (no outbound
 * login URL, no issuer). So a configuration that overrides one (a test's loopback
 * key endpoint, a sovereign cloud's issuer) gets the public cloud's values for the rest.
 */
export function authenticationOptions(auth: Config['auth']): ConfigurationBotFrameworkAuthenticationOptions {
  const overridden = auth.ToBotFromChannelOpenIdMetadataUrl || auth.ToBotFromChannelTokenIssuer || auth.ToBotFromEmulatorOpenIdMetadataUrl;
  if (!overridden) return auth as ConfigurationBotFrameworkAuthenticationOptions;
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ...auth,
  } as ConfigurationBotFrameworkAuthenticationOptions;
}

export function createAdapter(config: Config, log: Logger): { adapter: LscpAdapter; auth: ConfigurationBotFrameworkAuthentication } {
  const auth = new LscpAuthentication(authenticationOptions(config.auth));
  const adapter = new LscpAdapter(auth);
  adapter.use(connectorRetryMiddleware(connectorRetrySettings(config.delivery)));

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
  return { adapter, auth };
}
