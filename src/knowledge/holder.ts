/**
 * A knowledge base that can be replaced while the bot answers: every call goes
 * to the current build, and `swap` puts a new one in place in one assignment.
 *
 * Handlers keep the holder for the life of the process; a rebuild (a briefing
 * published or withdrawn) builds the new index elsewhere and swaps it in, so a
 * question asked during the rebuild is answered from the old index, never from
 * half of a new one.
 */
import type { KnowledgeBase } from './types.js';

export class KnowledgeHolder implements KnowledgeBase {
  private currentBase: KnowledgeBase;

  constructor(initial: KnowledgeBase) {
    this.currentBase = initial;
  }

  get current(): KnowledgeBase {
    return this.currentBase;
  }

  swap(next: KnowledgeBase): void {
    this.currentBase = next;
  }

  ask: KnowledgeBase['ask'] = (question, options) => this.currentBase.ask(question, options);
  define: KnowledgeBase['define'] = (term) => this.currentBase.define(term);
  topics: KnowledgeBase['topics'] = () => this.currentBase.topics();
  documents: KnowledgeBase['documents'] = (topic) => this.currentBase.documents(topic);
  document: KnowledgeBase['document'] = (id) => this.currentBase.document(id);

  get stats(): KnowledgeBase['stats'] {
    return this.currentBase.stats;
  }
}
