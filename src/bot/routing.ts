/**
 * Routing: the shapes of routes and the dispatcher that picks one for a turn.
 *
 * The routes themselves are listed in routes.ts, which is the map of the bot.
 * Card inputs and message-extension queries are parsed with each route's zod
 * schema before a handler sees them; anything malformed or stale gets a plain
 * notice and changes nothing.
 */
import type { MessagingExtensionResult } from 'botbuilder';
import { z } from 'zod';
import type { CardJson, CardRenderer } from '../cards/renderCard.js';
import type { ChecklistServices } from '../checklist/walkthrough.js';
import type { Config } from '../config.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/index.js';
import type { LiveKnowledge } from '../publishing/liveKnowledge.js';
import { NOT_A_FACILITATOR, type FacilitatorRoles } from '../facilitators/roles.js';
import type { TicketDesk } from '../escalation/desk.js';
import type { Turn } from './turn.js';

/** Everything a handler may use; built once in app.ts. */
export interface BotServices {
  config: Config;
  log: Logger;
  cards: CardRenderer;
  knowledge: KnowledgeBase;
  storage: Storage;
  /** The Checklist for Independent Scrutiny (its definition, when installed) and the report link signer. */
  checklist: ChecklistServices;
  /** The commands listed by `help`, taken from the route table so the two never disagree. */
  commandHelp: CommandHelp[];
  /** Who may use the routes marked facilitatorOnly. */
  roles: FacilitatorRoles;
  /** "Ask a facilitator": tickets, the facilitators' channel, and their messages through the outbox. */
  desk: TicketDesk;
  /** The outbox worker of this instance: told to look at once when a turn queued something. */
  delivery: { wake(): void };
  /** Briefings published from Teams: keeps `knowledge` in step with them (absent in tools that do not publish). */
  publications?: LiveKnowledge;
}

export interface CommandHelp {
  usage: string;
  description: string;
  /** Listed by `help` only for facilitators. */
  facilitator?: boolean;
}

/** A role a route requires; the Router checks it before the handler runs, so no handler can forget. */
export type Role = 'facilitator';

/** A problem the user can fix or should know about; its message is shown as is. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(message: string, readonly title = 'Nothing was changed') {
    super(message);
  }
}

export interface CommandRoute {
  kind: 'command';
  name: string;
  /** Matched against the message text with the bot's @mention removed. */
  pattern: RegExp;
  /** Shown by `help`; commands without it are aliases or internal. */
  help?: CommandHelp;
  requires?: Role;
  handle(turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void>;
}

/** What a card button leads to: a card that replaces the one the button was on. */
export interface ActionResult {
  card: CardJson;
}

export interface ActionRoute {
  kind: 'action';
  verb: string;
  requires?: Role;
  handle(turn: Turn, data: unknown, services: BotServices): Promise<ActionResult>;
}

export interface FallbackRoute {
  kind: 'fallback';
  /** `text` is what was typed, or the command a card button carried (for a submit, turn.text is empty). */
  handle(turn: Turn, services: BotServices, text: string): Promise<void>;
}

export interface WelcomeRoute {
  kind: 'welcome';
  handle(turn: Turn, services: BotServices): Promise<void>;
}

/**
 * A search command of the bot's message extension (manifest composeExtensions):
 * Teams sends a composeExtension/query invoke as the person types in the compose
 * box, and shows the result (a list of cards to insert, or one line of text).
 */
export interface MessageExtensionQueryRoute {
  kind: 'messageExtensionQuery';
  /** The command's id in the manifest. */
  commandId: string;
  handle(turn: Turn, value: unknown, services: BotServices): Promise<MessagingExtensionResult>;
}

/** A file sent to the bot (Teams file attachments, personal chat only). */
export interface FileRoute {
  kind: 'file';
  requires?: Role;
  /** `attachments` are the activity's, untrusted: the handler parses them. */
  handle(turn: Turn, attachments: unknown[], services: BotServices): Promise<void>;
}

export type Route = CommandRoute | ActionRoute | FallbackRoute | WelcomeRoute | MessageExtensionQueryRoute | FileRoute;

export const fileUpload = (handle: FileRoute['handle']): FileRoute => ({ kind: 'file', handle });

export const command = (name: string, pattern: RegExp, handle: CommandRoute['handle'], help?: CommandHelp): CommandRoute => ({
  kind: 'command',
  name,
  pattern,
  handle,
  help,
});

export function commandHelp(routes: Route[]): CommandHelp[] {
  return routes.flatMap((r) => (r.kind === 'command' && r.help ? [{ ...r.help, ...(r.requires === 'facilitator' ? { facilitator: true } : {}) }] : []));
}

/** Mark a command or card verb as the facilitators' own. */
export function facilitatorOnly<R extends CommandRoute | ActionRoute | FileRoute>(route: R): R {
  return { ...route, requires: 'facilitator' };
}

/** The one role check every facilitator route passes through. */
export function mayUse(route: { requires?: Role }, turn: Turn, services: Pick<BotServices, 'roles'>): boolean {
  return route.requires !== 'facilitator' || services.roles.isFacilitator(turn.user.aadObjectId);
}

/** A card verb whose data is parsed with `schema` before the handler runs. */
export function action<S extends z.ZodTypeAny>(
  verb: string,
  schema: S,
  handle: (turn: Turn, data: z.infer<S>, services: BotServices) => Promise<ActionResult>,
): ActionRoute {
  return {
    kind: 'action',
    verb,
    async handle(turn, data, services) {
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        throw new UserFacingError('That card is out of date or incomplete, so I left everything as it was. Please use the latest card, or type help.');
      }
      return handle(turn, parsed.data, services);
    },
  };
}

/**
 * The value of a composeExtension/query invoke. Teams sends the search box as a
 * parameter named after the manifest's, and `initialRun` instead of it when the
 * command opens; paging comes as queryOptions.
 */
export const MessageExtensionQueryValue = z.object({
  commandId: z.string().trim().min(1).max(100),
  parameters: z
    .array(z.object({ name: z.string().max(100), value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional() }))
    .max(20)
    .default([]),
  queryOptions: z
    .object({
      skip: z.number().int().min(0).max(10_000).default(0),
      count: z.number().int().min(1).max(1_000).default(25),
    })
    .default({}),
});
export type MessageExtensionQueryValue = z.infer<typeof MessageExtensionQueryValue>;

/** The text of one query parameter ('' when absent), so handlers need not know how Teams lists them. */
export function queryParameter(value: MessageExtensionQueryValue, name: string): string {
  const found = value.parameters.find((p) => p.name === name)?.value;
  return found === undefined || found === null ? '' : String(found);
}

const UNREADABLE_QUERY = "I couldn't read that search. Please close it and open it again from the LSCP Assistant app.";

/** A message-extension command whose invoke value is parsed with `schema` before the handler runs. */
export function messageExtensionQuery<S extends z.ZodTypeAny>(
  commandId: string,
  schema: S,
  handle: (turn: Turn, query: z.infer<S>, services: BotServices) => Promise<MessagingExtensionResult>,
): MessageExtensionQueryRoute {
  return {
    kind: 'messageExtensionQuery',
    commandId,
    async handle(turn, value, services) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        throw new UserFacingError(UNREADABLE_QUERY);
      }
      return handle(turn, parsed.data, services);
    },
  };
}

const QueryCommand = z.object({ commandId: z.string().trim().min(1).max(100) });

export class Router {
  private readonly commands: CommandRoute[];
  private readonly actions = new Map<string, ActionRoute>();
  private readonly fallback: FallbackRoute;
  private readonly welcome: WelcomeRoute;
  private readonly queries = new Map<string, MessageExtensionQueryRoute>();
  private readonly files?: FileRoute;

  constructor(routes: Route[]) {
    this.commands = routes.filter((r): r is CommandRoute => r.kind === 'command');
    for (const route of routes) if (route.kind === 'action') this.actions.set(route.verb, route);
    for (const route of routes) if (route.kind === 'messageExtensionQuery') this.queries.set(route.commandId, route);
    this.files = routes.find((r): r is FileRoute => r.kind === 'file');
    const fallback = routes.find((r): r is FallbackRoute => r.kind === 'fallback');
    const welcome = routes.find((r): r is WelcomeRoute => r.kind === 'welcome');
    if (!fallback || !welcome) throw new Error('The route table needs a fallback and a welcome route');
    this.fallback = fallback;
    this.welcome = welcome;
  }

  async message(turn: Turn, services: BotServices, text = turn.text): Promise<void> {
    for (const route of this.commands) {
      const match = route.pattern.exec(text);
      if (match) {
        services.log.info({ route: route.name }, 'command');
        if (!mayUse(route, turn, services)) {
          services.log.info({ route: route.name, event: 'refused', reason: 'not_facilitator' }, 'facilitator route refused');
          await turn.sendText(NOT_A_FACILITATOR);
          return;
        }
        return route.handle(turn, match, services);
      }
    }
    return this.fallback.handle(turn, services, text);
  }

  async action(turn: Turn, verb: string, data: unknown, services: BotServices): Promise<ActionResult> {
    const route = this.actions.get(verb);
    if (!route) throw new UserFacingError('That button belongs to an older version of this card. Type help to see what I can do now.');
    services.log.info({ verb }, 'card action');
    if (!mayUse(route, turn, services)) {
      services.log.info({ verb, event: 'refused', reason: 'not_facilitator' }, 'facilitator action refused');
      throw new UserFacingError(NOT_A_FACILITATOR, 'Facilitators only');
    }
    return route.handle(turn, data, services);
  }

  async messageExtensionQuery(turn: Turn, value: unknown, services: BotServices): Promise<MessagingExtensionResult> {
    const command = QueryCommand.safeParse(value);
    if (!command.success) throw new UserFacingError(UNREADABLE_QUERY);
    const route = this.queries.get(command.data.commandId);
    // An app package older or newer than this service can name a command it does not have.
    if (!route) throw new UserFacingError("I don't have that search. Please close it and choose LSCP Assistant in the message box again to see what it offers.");
    services.log.info({ commandId: route.commandId }, 'message extension query');
    return route.handle(turn, value, services);
  }

  /** A message carrying files: the file route, behind its role check like any other. */
  async file(turn: Turn, attachments: unknown[], services: BotServices): Promise<void> {
    const route = this.files;
    if (!route) return void (await turn.sendText("I can't take files. Type help to see what I can do."));
    services.log.info({ route: 'file' }, 'file received');
    if (!mayUse(route, turn, services)) {
      services.log.info({ route: 'file', event: 'refused', reason: 'not_facilitator' }, 'facilitator route refused');
      await turn.sendText(NOT_A_FACILITATOR);
      return;
    }
    return route.handle(turn, attachments, services);
  }

  async welcomeTurn(turn: Turn, services: BotServices): Promise<void> {
    return this.welcome.handle(turn, services);
  }

  hasAction(verb: string): boolean {
    return this.actions.has(verb);
  }
}
