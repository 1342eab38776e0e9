/**
 * The knowledge module's public entry point: what the bot and the command line import.
 *
 * Everything lunr-specific stays behind these exports (see types.ts for why).
 */
export type * from './types.js';
export {
  loadKnowledgeBase,
  LscpKnowledgeBase,
  DECLINE_MESSAGE,
  DEFAULT_SUGGESTIONS,
  DEFAULT_INDEX_PATH,
  DEFAULT_KNOWLEDGE_DIR,
  type LoadOptions,
} from './knowledgeBase.js';
export { loadCorpus, type Corpus } from './loadCorpus.js';
export { formatProblem, type Problem } from './problems.js';
