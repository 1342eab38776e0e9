/**
 * The yardstick for `npm run bench`: the smallest botbuilder bot that does what
 * a question turn must do, run as its own process exactly as ours runs.
 *
 * restify with a body parser, CloudAdapter in local mode (no MicrosoftAppId, so
 * no tokens), a message answered with a one-line Adaptive Card sent to the
 * activity's serviceUrl, and an Action.Execute invoke answered with a card in
 * the HTTP response, as Teams expects. /readyz answers 200 once it listens.
 * Nothing else: no storage, no search, no logging; what our bot costs beyond
 * this is what our code costs.
 *
 * Run: PORT=<port> node dist/cli/echoBot.js
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';
import restify from 'restify';

const CARD = 'application/vnd.microsoft.card.adaptive';
const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] });

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity({ attachments: [{ contentType: CARD, content: card(`You said: ${context.activity.text ?? ''}`) }] });
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
    return { status: 200, body: { statusCode: 200, type: CARD, value: card(`You pressed: ${String(verb)}`) } };
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer({ name: 'echo-bot' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/readyz', (_req, res, next) => {
  res.json(200, { status: 'ready' });
  return next();
});

const port = Number(process.env.PORT ?? 3979);
server.listen(port, '127.0.0.1', () => {
  console.log(`echo bot listening on http://127.0.0.1:${port}/api/messages`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
