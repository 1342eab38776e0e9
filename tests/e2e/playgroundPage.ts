/**
 * The Microsoft 365 Agents Playground as a person sees it: a list of chats and
 * channels on the left, a conversation in the middle, a log panel on the right.
 *
 * Every read is scoped to the conversation pane's messages (bot messages are
 * `.fai-OutputCard`, channel posts are Fluent cards with role "group"), never
 * the whole page: the log panel repeats message text.
 */
import type { Locator, Page } from 'playwright-core';

export const COMPOSER = '[data-lexical-editor="true"][role="textbox"]';
export const BOT_MESSAGE = '.fai-OutputCard';
export const ADAPTIVE_CARD = '.ac-adaptiveCard';

/** How long to wait for the bot or the page before a step is declared missing. */
export const WAIT_MS = 20_000;

export class PlaygroundPage {
  constructor(
    readonly page: Page,
    readonly botName: string,
  ) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'domcontentloaded' });
    await this.navItem('Personal Chat').waitFor({ timeout: WAIT_MS });
  }

  /** A chat or channel in the left-hand list, by its accessible name ("Personal Chat", a group chat's name, "Team - Channel"). */
  navItem(name: string | RegExp): Locator {
    return this.page.getByRole('treeitem', { name, exact: typeof name === 'string' ? true : undefined });
  }

  async openConversation(name: string | RegExp): Promise<void> {
    await this.navItem(name).click();
    await this.composer().first().waitFor({ timeout: WAIT_MS });
  }

  composer(): Locator {
    return this.page.locator(COMPOSER);
  }

  /** Bot messages in the open chat, oldest first. */
  botMessages(): Locator {
    return this.page.locator(BOT_MESSAGE);
  }

  /** Bot messages that are Adaptive Cards, oldest first. */
  botCards(): Locator {
    return this.page.locator(`${BOT_MESSAGE}:has(${ADAPTIVE_CARD})`);
  }

  async botMessageCount(): Promise<number> {
    return this.botMessages().count();
  }

  /**
   * The newest bot message whose text matches, re-found on every use: the
   * playground has no message ids in the page, and a message that arrives late
   * (the welcome card after a reload) can be placed before newer ones.
   */
  lastBotMessage(match: RegExp): Locator {
    return this.botMessages().filter({ hasText: match }).last();
  }

  /** Wait until no new bot message has arrived for `quietMs` (the playground re-sends the install events on every page load). */
  async settle(quietMs = 800, timeoutMs = WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let count = await this.botMessageCount();
    let since = Date.now();
    while (Date.now() < deadline) {
      await this.page.waitForTimeout(100);
      const now = await this.botMessageCount();
      if (now !== count) {
        count = now;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) {
        return;
      }
    }
  }

  /** Type into the chat's compose box and press "Send Message", as a person would. */
  async sendMessage(text: string): Promise<void> {
    const box = this.composer().last();
    await box.click();
    await box.pressSequentially(text);
    await this.page.getByRole('button', { name: 'Send Message', exact: true }).last().click();
  }

  /**
   * Wait for a bot message, newer than the first `after` messages, whose text
   * matches; returns that message. `after` defaults to "any".
   */
  async waitForBotMessage(match: RegExp, options: { after?: number; card?: boolean; timeoutMs?: number } = {}): Promise<Locator> {
    const after = options.after ?? 0;
    const selector = options.card ? `${BOT_MESSAGE}:has(${ADAPTIVE_CARD})` : BOT_MESSAGE;
    const deadline = Date.now() + (options.timeoutMs ?? WAIT_MS);
    let last = '';
    while (Date.now() < deadline) {
      const all = this.page.locator(BOT_MESSAGE);
      const count = await all.count();
      for (let i = count - 1; i >= after; i--) {
        const message = all.nth(i);
        if (options.card && (await message.locator(ADAPTIVE_CARD).count()) === 0) continue;
        const text = await message.innerText().catch(() => '');
        if (match.test(text)) return message;
        if (i === count - 1) last = text;
      }
      await this.page.waitForTimeout(200);
    }
    throw new Error(
      `no ${options.card ? 'card' : 'message'} from the bot matching ${match} appeared within ${Math.round((options.timeoutMs ?? WAIT_MS) / 1000)} s` +
        (last ? `; the latest bot message reads: "${oneLine(last, 300)}"` : '; the bot sent nothing new') +
        ` (selector ${selector})`,
    );
  }

  /** Wait until `locator`'s text matches (a card updated in place). */
  async waitForText(locator: Locator, match: RegExp, what: string, timeoutMs = WAIT_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = await locator.innerText().catch(() => '');
      if (match.test(text)) return text;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`${what}: expected text matching ${match} within ${Math.round(timeoutMs / 1000)} s; it reads "${oneLine(text, 400)}"`);
  }

  /** Bring a message into the middle of the conversation pane, so a screenshot shows all of it. */
  async show(message: Locator): Promise<void> {
    await message.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }));
    await this.page.waitForTimeout(150);
  }

  /** Press a button on a card by its title (Action.Execute and Action.Submit render as buttons). */
  async clickCardButton(card: Locator, title: string): Promise<void> {
    const button = card.locator(ADAPTIVE_CARD).getByRole('button', { name: title, exact: true });
    await button.first().waitFor({ timeout: 5000 }).catch(() => undefined);
    if ((await button.count()) === 0) {
      const titles = await card.locator(ADAPTIVE_CARD).getByRole('button').allInnerTexts();
      throw new Error(`the card has no "${title}" button (it has: ${titles.map((t) => `"${t.trim()}"`).join(', ') || 'none'})`);
    }
    await button.first().click();
  }

  /** Pick a choice of an expanded Input.ChoiceSet (rendered as radio buttons). */
  async chooseRadio(card: Locator, label: string): Promise<void> {
    const radio = card.locator(ADAPTIVE_CARD).getByRole('radio', { name: label, exact: true });
    if ((await radio.count()) === 0) {
      const labels = await card.locator(`${ADAPTIVE_CARD} input[type=radio]`).evaluateAll((inputs) =>
        inputs.map((i) => (i as HTMLInputElement).labels?.[0]?.textContent ?? (i as HTMLInputElement).value),
      );
      throw new Error(`the card has no "${label}" choice (it has: ${labels.map((l) => `"${l}"`).join(', ') || 'none'})`);
    }
    await radio.first().check();
  }

  /** Fill a card's text input by its label. */
  async fillCardInput(card: Locator, label: string, value: string): Promise<void> {
    const input = card.locator(ADAPTIVE_CARD).getByRole('textbox', { name: label });
    if ((await input.count()) === 0) throw new Error(`the card has no text input labelled "${label}"`);
    await input.first().fill(value);
  }

  /**
   * The playground's own notices about card features it cannot show ("X is not
   * supported yet in Microsoft 365 Agents playground"), from the conversation
   * and the log panel, reduced to the feature's name.
   */
  async unsupportedFeatureNotices(): Promise<string[]> {
    const texts = await this.page.locator('span.fui-Text').filter({ hasText: /is not supported/ }).allInnerTexts();
    return [...new Set(texts.map((t) => t.replace(/\s+/g, ' ').trim().replace(/ (is|are) not supported[\s\S]*$/, '')))];
  }

  // ------------------------------------------------------------------ channels

  /** The channel's posts (threads), newest first as the playground shows them. */
  channelPosts(): Locator {
    return this.page.locator('[role="group"].fui-Card');
  }

  /**
   * Start a new post in the open channel that @mentions the bot: type "@", pick
   * the bot in the mention menu, type the rest and press Post.
   */
  async postWithMention(text: string): Promise<Locator> {
    const box = this.channelPosts().first().locator(COMPOSER);
    await box.click();
    await box.pressSequentially(`@${this.botName.slice(0, 4)}`);
    await this.page.locator('#typeahead-menu [role="menuitem"]', { hasText: this.botName }).first().click({ timeout: WAIT_MS });
    await box.pressSequentially(` ${text}`);
    const mention = box.locator('.mention', { hasText: this.botName });
    if ((await mention.count()) === 0) throw new Error(`the compose box shows no @${this.botName} mention after picking it from the menu`);
    await this.channelPosts().first().getByRole('button', { name: 'Post', exact: true }).click();
    const post = this.channelPosts().filter({ hasText: text }).first();
    await post.waitFor({ timeout: WAIT_MS });
    return post;
  }

  /** Wait for the bot's reply (a card or text) inside a channel post's thread. */
  async waitForThreadReply(post: Locator, match: RegExp, timeoutMs = WAIT_MS): Promise<Locator> {
    const deadline = Date.now() + timeoutMs;
    const reply = post.locator(`${ADAPTIVE_CARD}`);
    let text = '';
    while (Date.now() < deadline) {
      const cards = await reply.count();
      for (let i = cards - 1; i >= 0; i--) {
        text = await reply.nth(i).innerText().catch(() => '');
        if (match.test(text)) return reply.nth(i);
      }
      if (cards === 0) text = await post.innerText().catch(() => '');
      await this.page.waitForTimeout(200);
    }
    throw new Error(`no reply from the bot matching ${match} appeared in the channel thread within ${Math.round(timeoutMs / 1000)} s; the thread reads "${oneLine(text, 400)}"`);
  }
}

export function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
