/**
 * A scripted Teams user: builds real Bot Framework activities, posts them to the
 * bot's /api/messages over HTTP, and returns what the channel stand-in received.
 */
import { randomUUID } from 'node:crypto';
import type { ChannelRecord, ChannelStandIn } from './channel.js';

export type Kind = 'personal' | 'groupChat' | 'channel';

export interface Person {
  id: string;
  name: string;
  aadObjectId?: string;
}

export const BOT = { id: '28:lscp-assistant-bot', name: 'LSCP Assistant' };
export const TENANT = '72f988bf-0000-4000-8000-000000000001';

export interface TurnResult {
  status: number;
  /** The invoke response body, for invokes. */
  body: unknown;
  /** Everything the bot sent or updated during the turn. */
  records: ChannelRecord[];
  /** Only the messages (not typing indicators) the bot sent. */
  messages: Array<Record<string, unknown>>;
  /** Adaptive Cards in the messages sent, in order. */
  cards: Array<Record<string, unknown>>;
  /** Cards put in place of an earlier message. */
  updates: ChannelRecord[];
  /** Plain text of the messages sent. */
  texts: string[];
}

export class TestConversation {
  readonly id: string;
  private seq = 0;

  constructor(
    private readonly botUrl: string | (() => string),
    private readonly channel: ChannelStandIn,
    readonly kind: Kind = 'personal',
    readonly user: Person = { id: '29:user-1', name: 'Alex Chief', aadObjectId: randomUUID() },
    options: { conversationId?: string; teamId?: string } = {},
  ) {
    this.id = options.conversationId ?? (kind === 'channel' ? `19:channel-${randomUUID()}@thread.skype` : kind === 'groupChat' ? `19:group-${randomUUID()}@thread.v2` : `a:personal-${randomUUID()}`);
    this.teamId = options.teamId ?? (kind === 'channel' ? `19:team-${randomUUID()}@thread.skype` : undefined);
  }

  readonly teamId?: string;

  /** The same conversation, spoken in by somebody else. */
  as(user: Person): TestConversation {
    const other = new TestConversation(this.botUrl, this.channel, this.kind, user, { conversationId: this.id, teamId: this.teamId });
    return other;
  }

  base(extra: Record<string, unknown> = {}, from: Person = this.user) {
    return {
      id: `in-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.channel.url,
      from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
      recipient: { id: BOT.id, name: BOT.name },
      conversation: {
        id: this.id,
        conversationType: this.kind,
        tenantId: TENANT,
        ...(this.kind !== 'personal' ? { isGroup: true } : {}),
      },
      channelData: {
        tenant: { id: TENANT },
        ...(this.kind === 'channel' ? { team: { id: this.teamId }, channel: { id: this.id } } : {}),
      },
      locale: 'en-GB',
      ...extra,
    };
  }

  /** Type a message. In group chats and channels, `mention` puts the bot's @mention in front, as Teams does. */
  async say(text: string, options: { mention?: boolean } = {}): Promise<TurnResult> {
    const mention = options.mention ?? this.kind !== 'personal';
    const activity = this.base({
      type: 'message',
      text: mention ? `<at>${BOT.name}</at> ${text}` : text,
      textFormat: 'plain',
      entities: mention ? [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] : [],
    });
    return this.post(activity);
  }

  /**
   * Send a file, as Teams delivers one sent to a bot in personal chat: a message whose attachment
   * is a file.download.info with a pre-authorised download URL.
   */
  async sendFile(name: string, downloadUrl: string, options: { fileType?: string; text?: string } = {}): Promise<TurnResult> {
    const fileType = options.fileType ?? /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
    return this.post(
      this.base({
        type: 'message',
        text: options.text ?? '',
        attachments: [
          { contentType: 'application/vnd.microsoft.teams.file.download.info', name, content: { downloadUrl, uniqueId: randomUUID(), fileType } },
          { contentType: 'text/html', content: `<p>${options.text ?? ''}</p>` },
        ],
      }),
    );
  }

  /** Press an Action.Submit button: Teams sends a message whose value is the button's data. */
  async submit(data: Record<string, unknown>, replyToId?: string): Promise<TurnResult> {
    return this.post(this.base({ type: 'message', text: '', value: data, ...(replyToId ? { replyToId } : {}) }));
  }

  /** Press an Action.Execute button: Teams sends an adaptiveCard/action invoke and shows the card it gets back. */
  async execute(verb: string, data: Record<string, unknown> = {}, options: { replyToId?: string; trigger?: 'manual' | 'automatic' } = {}): Promise<TurnResult> {
    return this.post(
      this.base({
        type: 'invoke',
        name: 'adaptiveCard/action',
        ...(options.replyToId ? { replyToId: options.replyToId } : {}),
        value: { action: { type: 'Action.Execute', verb, data }, trigger: options.trigger ?? 'manual' },
      }),
    );
  }

  /** The bot (and this user) added to the conversation. */
  async install(): Promise<TurnResult> {
    return this.post(this.base({ type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }, { id: this.user.id, name: this.user.name }] }));
  }

  async post(activity: Record<string, unknown>): Promise<TurnResult> {
    this.seq += 1;
    const start = this.channel.records.length;
    const response = await fetch(`${typeof this.botUrl === 'string' ? this.botUrl : this.botUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const raw = await response.text();
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* keep the text */
    }
    const records = this.channel.since(start);
    const sent = records.filter((r) => r.op === 'send');
    const messages = sent.map((r): Record<string, unknown> => ({ ...r.activity, id: r.activityId })).filter((a) => a.type === 'message');
    return {
      status: response.status,
      body,
      records,
      messages,
      cards: messages.flatMap((m) => cardsOf(m)),
      updates: records.filter((r) => r.op === 'update'),
      texts: messages.map((m) => String(m.text ?? '')).filter(Boolean),
    };
  }
}

export function cardsOf(activity: Record<string, unknown>): Array<Record<string, unknown>> {
  const attachments = (activity.attachments ?? []) as Array<{ contentType?: string; content?: Record<string, unknown> }>;
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive' && a.content).map((a) => a.content!);
}

/** All visible text in a card (TextBlocks, facts, action titles), for asserting what a person would read. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label', 'placeholder']) if (typeof o[key] === 'string') parts.push(o[key] as string);
    for (const [key, v] of Object.entries(o)) if (key !== 'data' && typeof v === 'object') walk(v);
  };
  walk(card);
  return parts.join('\n');
}

/** Actions anywhere in a card, with their data, so tests press the card's own buttons. */
export function cardActions(card: unknown): Array<{ type: string; title?: string; verb?: string; data?: Record<string, unknown> }> {
  const found: Array<{ type: string; title?: string; verb?: string; data?: Record<string, unknown> }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) found.push(o as { type: string });
    for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
  };
  walk(card);
  return found;
}
