/**
 * The Teams activity handler: turns Bot Framework activities into route calls.
 *
 * It stays thin on purpose. It decides only whether the bot was spoken to, which
 * kind of input arrived (typed text, a card submit, a universal action, a
 * message-extension query), and how the answer goes back; everything else lives
 * in the routes' handlers.
 */
import { randomUUID } from 'node:crypto';
import { TeamsActivityHandler, TurnContext, type InvokeResponse, type MessagingExtensionQuery, type MessagingExtensionResponse } from 'botbuilder';
import { z } from 'zod';
import { CARD_CONTENT_TYPE, type CardJson } from '../cards/renderCard.js';
import { endSubscription } from '../facilitators/subscriptions.js';
import { hasTeamsFile } from '../publishing/teamsFile.js';
import { Router, UserFacingError, type BotServices } from './routing.js';
import { createTurn, isBotMentioned, rootConversationId, type Turn } from './turn.js';

const SubmitCommand = z.object({ command: z.string().trim().min(1).max(500) });
const SubmitVerb = z.object({ verb: z.string().trim().min(1).max(100) }).passthrough();

const ExecuteValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().trim().min(1).max(100),
    data: z.unknown().optional(),
  }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

export class LscpBot extends TeamsActivityHandler {
  constructor(
    private readonly router: Router,
    private readonly services: BotServices,
  ) {
    super();

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const turn = createTurn(context);
      const botId = context.activity.recipient.id;
      const added = context.activity.membersAdded ?? [];
      const botAdded = added.some((m) => m.id === botId);
      // One welcome per install; a person joining a busy team channel should not trigger a card for everyone.
      if (botAdded || (turn.conversation.kind === 'personal' && added.length > 0)) {
        await this.router.welcomeTurn(turn, this.services);
      }
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient.id;
      if ((context.activity.membersRemoved ?? []).some((m) => m.id === botId)) {
        // Removed: nothing can be sent there any more, so the subscription and anything queued end too.
        const conversationId = rootConversationId(context.activity.conversation.id);
        await this.services.storage.conversations.forget(conversationId);
        await endSubscription(this.services.storage, conversationId, 'the bot was removed from the conversation');
      }
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const parsed = ExecuteValue.safeParse(context.activity.value);
    if (!parsed.success) {
      return cardResponse(this.notice('That card action was incomplete, so nothing was changed. Type help to see what I can do.'));
    }
    const { action, trigger } = parsed.data;
    const turn = createTurn(context, trigger ?? 'manual', this.services.config.typingDelayMs);
    return cardResponse(await this.runAction(turn, action.verb, action.data ?? {}));
  }

  /** composeExtension/query: the message extension's search, answered with a result list or one line of text. */
  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, value: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    // The value is untrusted JSON whatever botbuilder's type says; the route's schema decides what is well formed.
    const raw: unknown = value;
    try {
      return { composeExtension: await this.router.messageExtensionQuery(createTurn(context), raw, this.services) };
    } catch (error) {
      // A throw would reach Teams as an HTTP 500 and a bare failure in the flyout; a line of text tells the person what to do.
      if (error instanceof UserFacingError) return { composeExtension: { type: 'message', text: error.message } };
      const reference = correlationId();
      this.services.log.error({ err: error, reference }, 'message extension query failed');
      return {
        composeExtension: {
          type: 'message',
          text: `Something went wrong on our side, so that search did not work. Please try again; if it keeps happening, give your IT team this reference: ${reference}.`,
        },
      };
    }
  }

  private async handleMessage(context: TurnContext) {
    const turn = createTurn(context, undefined, this.services.config.typingDelayMs);
    const attachments: unknown = context.activity.attachments;
    if (Array.isArray(attachments) && hasTeamsFile(attachments)) {
      // A file sent to the bot (Teams delivers these in personal chat only).
      if (turn.conversation.kind !== 'personal' && !isBotMentioned(context)) return;
      await this.router.file(turn, attachments, this.services);
      return;
    }
    const value: unknown = context.activity.value;
    if (value !== undefined && value !== null && typeof value === 'object') {
      // Action.Submit from a card (the fallback where a client cannot do Action.Execute).
      const command = SubmitCommand.safeParse(value);
      if (command.success) {
        await this.router.message(turn, this.services, command.data.command.replace(/\s+/g, ' '));
        return;
      }
      const submit = SubmitVerb.safeParse(value);
      if (!submit.success) {
        await turn.sendCard(this.notice('That card was incomplete, so nothing was changed. Type help to see what I can do.'));
        return;
      }
      const { verb, ...data } = submit.data;
      const card = await this.runAction(turn, verb, data);
      if (turn.replyToId) await turn.updateCard(turn.replyToId, card);
      else await turn.sendCard(card);
      return;
    }
    // In channels and group chats the bot speaks only when spoken to.
    if (turn.conversation.kind !== 'personal' && !isBotMentioned(context)) return;
    await this.router.message(turn, this.services);
  }

  private async runAction(turn: Turn, verb: string, data: unknown): Promise<CardJson> {
    try {
      return (await this.router.action(turn, verb, data, this.services)).card;
    } catch (error) {
      if (error instanceof UserFacingError) return this.notice(error.message, error.title);
      const reference = correlationId();
      this.services.log.error({ err: error, reference, verb }, 'card action failed');
      return this.notice(
        `Something went wrong on our side, so that did not go through. Anything saved earlier is safe. Please try again; if it keeps happening, give your IT team this reference: ${reference}.`,
        'Sorry, that did not work',
      );
    }
  }

  private notice(message: string, title = 'Nothing was changed'): CardJson {
    return this.services.cards.render('notice', { title, message });
  }
}

function cardResponse(card: CardJson): InvokeResponse {
  // Teams shows "Something went wrong" for any other shape, so even errors come back as a card.
  return { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card } };
}

export function correlationId(): string {
  return randomUUID().slice(0, 8);
}

