/**
 * Analyser: the one place where text becomes index terms.
 *
 * The index side (lunr's builder) and the query side (our query builder, the
 * synonym matcher, sentence scoring) must turn words into terms in exactly the
 * same way, or a word in a question silently misses the same word in a passage.
 * So every caller goes through `tokenize` + `analyseWord` here, and the lunr
 * pipeline is assembled from the same functions.
 *
 * lunr's own tokenizer splits only on whitespace and hyphens and keeps
 * punctuation, so "neglect?" or "(ICB)" would never match; ours splits on
 * anything that is not a letter or digit and records character positions so
 * matches can be highlighted.
 */
import lunr from 'lunr';
import { LruCache } from './cache.js';

export interface TextToken {
  /** As written, e.g. "ICB's". */
  raw: string;
  /** Lower-case, accents and possessive removed, e.g. "icb". */
  norm: string;
  /** Index term (stemmed), or '' for a stop word. */
  term: string;
  stop: boolean;
  /** Character offset and length in the source string. */
  start: number;
  length: number;
}

/** Longer "words" are junk (URLs, base64, keyboard mashing) and only slow fuzzy matching down. */
const MAX_WORD_LENGTH = 40;

/** Words, plus "%" as a word of its own ("90%" → "90", "percent") so "percentage" questions can find figures. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|%/gu;

const STOP_WORDS = new Set<string>([
  // lunr's English list, kept in step with lunr.stopWordFilter so index and query agree.
  'a', 'able', 'about', 'across', 'after', 'all', 'almost', 'also', 'am', 'among', 'an', 'and', 'any', 'are', 'as', 'at',
  'be', 'because', 'been', 'but', 'by', 'can', 'cannot', 'could', 'dear', 'did', 'do', 'does', 'either', 'else', 'ever',
  'every', 'for', 'from', 'get', 'got', 'had', 'has', 'have', 'he', 'her', 'hers', 'him', 'his', 'how', 'however', 'i',
  'if', 'in', 'into', 'is', 'it', 'its', 'just', 'least', 'let', 'like', 'likely', 'may', 'me', 'might', 'most', 'must',
  'my', 'neither', 'no', 'nor', 'not', 'of', 'off', 'often', 'on', 'only', 'or', 'other', 'our', 'own', 'rather', 'said',
  'say', 'says', 'she', 'should', 'since', 'so', 'some', 'than', 'that', 'the', 'their', 'them', 'then', 'there', 'these',
  'they', 'this', 'tis', 'to', 'too', 'twas', 'us', 'wants', 'was', 'we', 'were', 'what', 'when', 'where', 'which',
  'while', 'who', 'whom', 'why', 'will', 'with', 'would', 'yet', 'you', 'your',
]);

/**
 * Words people type around a question that say nothing about what they want
 * ("quick q: pls tell me what ... means"). Dropped from queries only: passages
 * keep them, so they neither match nor count against coverage.
 */
const QUERY_FILLER = new Set<string>([
  'tell', 'please', 'pls', 'plz', 'thanks', 'thank', 'thx', 'ta', 'hi', 'hello', 'hey', 'know', 'need', 'needs', 'want',
  'explain', 'show', 'find', 'give', 'mean', 'means', 'meaning', 'meant', 'stand', 'stands', 'info', 'information',
  'details', 'detail', 'anything', 'something', 'thing', 'things', 'question', 'quick', 'q', 'whats', 'whos', 'hows',
  'wheres', 'whens', 'whys', 'im', 'ive', 'id', 'dont', 'doesnt', 'isnt', 'cant', 'wont', 'define', 'definition',
  'acronym', 'abbreviation', 'many', 'much', 'guidance', 'lookup', 'wondering', 'wonder', 'remind',
  'again', 'exactly', 'actually', 'basically', 'currently', 'ok', 'okay', 'yes', 'yeah', 'etc', 'u', 'ur', 'r',
  'anyone', 'somebody', 'someone', 'stuff', 'bit', 'kind', 'sort', 'bot', 'assistant', 'e', 'g', 'eg', 'ie',
  'doing', 'done', 'does', 'goes', 'gone', 'able', 'happen', 'happens', 'happened', 'latest', 'current', 'currently',
  'under', 'over', 'between', 'within', 'during', 'before', 'across', 'via', 'per', 'regarding', 're', 'around', 'towards',
  'without', 'upon', 'onto', 'besides', 'beside', 'instead', 'whether', 'also', 'still', 'already', 'ever', 'yet',
  // Apologies, hedges and asides around a question ("sorry if this is a daft question but …").
  'sorry', 'apologies', 'apologise', 'apologize', 'daft', 'silly', 'stupid', 'dumb', 'honest', 'honestly', 'frankly',
  'probably', 'maybe', 'perhaps', 'seriously', 'literally', 'obviously', 'anyway', 'though', 'cheers', 'hiya', 'folks',
  'guys', 'quickly', 'simply', 'fairly', 'pretty', 'quite', 'sure', 'confused', 'confusing', 'clarify', 'clarification',
  // Asking for the gist ("summary of the Wood review", "key messages of the june briefing"): how to
  // answer, not what about; a broad question about a document leads with its overview anyway.
  'summary', 'summarise', 'summarize', 'overview', 'gist', 'takeaways', 'highlights', 'nutshell', 'tldr',
  // Text-message shorthand for the words around a question ("wht does wt23 say abt scrutiny").
  'wht', 'wat', 'wot', 'abt', 'bout', 'cos', 'coz', 'cuz', 'bc', 'b4', 'tho', 'thru', 'ppl', 'gonna', 'wanna', 'gotta',
  'dunno', 'shd', 'wd', 'cd', 'wrt', 'hv', 'nd', 'pls', 'tbh', 'imo', 'fyi', 'asap', 'btw', 'atm',
  // Contractions without their apostrophe (the analyser drops it: "we've" → "weve").
  'weve', 'youve', 'theyve', 'youre', 'theyre', 'thats', 'theres', 'heres', 'wouldnt', 'couldnt', 'shouldnt', 'didnt',
  'wasnt', 'arent', 'havent', 'hasnt', 'hadnt', 'werent', 'youll', 'theyll', 'itll', 'youd', 'theyd', 'whove', 'itd', 'ill',
]);

/**
 * Question words are stop words everywhere except in headings. Our headings are
 * written as the questions they answer ("How often partners must publish a
 * yearly report"), so "how often" in a question is a real signal there, and
 * nowhere else.
 */
export const QUESTION_WORDS = new Set(['who', 'when', 'where', 'why', 'how', 'often', 'many', 'much', 'long', 'which']);

/**
 * Everyday words: common English that the corpus happens to contain but that
 * says nothing about safeguarding on its own. A question matched only through
 * such words is not evidence that the guidance answers it ("how do I book
 * annual leave"). Domain words are deliberately absent (report, review,
 * partner, school, police, health, chair, data …). Two kinds:
 *
 *  - framing words ("time", "new", "set", "go", "help"): how people put a
 *    question, neutral either way; many more are recognised from general
 *    English frequencies (see generalEnglish.ts);
 *  - off-topic words ("desk", "rain", "lunch", "password", "salary"): what a
 *    question about something else is about. The guidance never answers a
 *    question about them, so a passage that lacks them misses the point of
 *    the question ("my desk chair is broken" is not about chairing).
 */
const FRAMING_WORDS = [
  'time', 'times', 'day', 'days', 'today', 'week', 'weeks', 'month', 'months', 'year', 'years',
  'hour', 'hours', 'minute', 'minutes', 'now', 'later', 'soon', 'late', 'early',
  'people', 'person', 'man', 'men', 'woman', 'women', 'thing', 'way', 'ways', 'place', 'world', 'life', 'home', 'office',
  'annual', 'order',
  'cost', 'free', 'best', 'good', 'great', 'bad', 'nice', 'new', 'old', 'big', 'small',
  'long', 'short', 'high', 'low', 'first', 'last', 'next', 'right', 'wrong', 'left', 'help', 'make', 'made', 'go', 'going', 'come',
  'take', 'keep', 'keeps', 'put', 'set', 'use', 'used', 'using', 'work', 'works', 'team', 'teams', 'meeting', 'meetings',
  'call', 'calls', 'system', 'account', 'update', 'change', 'changes', 'fix', 'problem', 'problems', 'issue',
  'issues', 'open', 'close', 'start', 'stop', 'run', 'near', 'nearest', 'far', 'city', 'town', 'country', 'london', 'england', 'uk', 'british',
  'story', 'love', 'like', 'hello', 'answer', 'number', 'numbers', 'part', 'point', 'name', 'word',
  'words', 'line', 'side', 'end', 'level', 'form', 'type', 'example', 'lot', 'lots', 'little', 'more', 'less', 'same', 'different',
  'another', 'whole', 'full', 'half', 'easy', 'hard', 'real', 'true', 'sure', 'possible', 'important', 'available', 'personal',
  'local', 'live', 'get', 'find', 'see', 'look', 'think', 'said', 'went', 'got', 'show', 'write', 'read',
  'send', 'sent', 'link', 'online', 'money',
  'working', 'worked', 'result', 'results', 'share', 'shares', 'permit',
];

const OFF_TOPIC_WORDS = [
  'tomorrow', 'yesterday', 'weekend', 'morning', 'afternoon', 'evening', 'night', 'tonight', 'leave', 'book', 'booking',
  'desk', 'car', 'train', 'bus', 'travel', 'trip', 'holiday', 'holidays', 'buy', 'pay', 'price', 'prices', 'cheap',
  'email', 'emails', 'mail', 'phone', 'message', 'messages', 'chat', 'app', 'apps', 'computer', 'laptop', 'screen',
  'printer', 'password', 'login', 'reset', 'error', 'crash', 'crashing', 'broken', 'play', 'game', 'games', 'football',
  'sport', 'music', 'film', 'movie', 'weather', 'rain', 'sun', 'snow', 'food', 'lunch', 'dinner', 'breakfast', 'coffee', 'tea', 'pizza',
  'recipe', 'restaurant', 'shop', 'store', 'france', 'joke', 'funny', 'print', 'download', 'install', 'website', 'internet', 'wifi',
  'birthday', 'party', 'water', 'bank', 'card', 'tax', 'salary', 'expenses', 'parking', 'park', 'ticket', 'tickets', 'flight', 'hotel',
  'score', 'scores', 'canteen', 'room', 'rooms', 'dad', 'mum', 'house', 'building', 'job', 'jobs', 'news', 'claim',
  // Office software and devices: what a helpdesk question is about, never a safeguarding one.
  'excel', 'outlook', 'powerpoint', 'sharepoint', 'onedrive', 'zoom', 'windows', 'microsoft', 'google', 'iphone', 'android', 'mac',
  'pc', 'vpn', 'bluetooth', 'keyboard', 'mouse', 'monitor', 'software', 'hardware', 'signature', 'translate',
];

const OFF_TOPIC = new Set(OFF_TOPIC_WORDS);
const EVERYDAY = new Set([...OFF_TOPIC_WORDS]);

/** True for an everyday word as typed (normalised, not stemmed: "train" is everyday, "training" is not). */
export function isEverydayWord(norm: string): boolean {
  return EVERYDAY.has(norm);
}

/** True for an everyday word that names something other than safeguarding ("desk", "rain", "salary"). */
export function isOffTopicWord(norm: string): boolean {
  return OFF_TOPIC.has(norm);
}

/** Filler and stop words of five letters or more, for recognising their misspellings ("actualy", "plese"). */
export function fillerWords(): readonly string[] {
  return (fillerList ??= [...QUERY_FILLER, ...STOP_WORDS].filter((w) => w.length >= 5));
}
let fillerList: string[] | undefined;

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Two-word ways of asking for the gist; "messages" alone would read as off-topic (e-mail). */
const GIST_PHRASES = new Set(['key messages', 'main messages', 'key points', 'main points', 'key findings', 'main findings', 'key takeaways', 'headline messages', 'top lines']);

/** True if tokens i and i+1 ask for the gist ("key messages"), so neither is what the question is about. */
export function isGistPhrase(first: string | undefined, second: string | undefined): boolean {
  return first !== undefined && second !== undefined && GIST_PHRASES.has(`${first} ${second}`);
}

export function isQueryFiller(word: string): boolean {
  return QUERY_FILLER.has(word) || STOP_WORDS.has(word);
}

/** Lower case, strip accents, unify quotes: "Café’s" → "cafe's". */
export function normaliseText(text: string): string {
  // Most words are plain ASCII; Unicode normalisation is the slow part, so skip it for them.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[’‘`´]/g, "'").toLowerCase();
}

const PLAIN_ASCII = /^[\x20-\x26\x28-\x5f\x61-\x7e]*$/;

/**
 * Irregular forms the Porter stemmer cannot join to their base word
 * ("chosen" → choose, "led" → lead), so "who led the research" finds "the
 * research was led by". Index and queries both pass through this.
 */
const IRREGULAR: Record<string, string> = {
  chose: 'choose', chosen: 'choose', led: 'lead', began: 'begin', begun: 'begin', gave: 'give', given: 'give',
  took: 'take', taken: 'take', wrote: 'write', written: 'write', held: 'hold', kept: 'keep', met: 'meet',
  paid: 'pay', sent: 'send', spent: 'spend', told: 'tell', thought: 'think', brought: 'bring', bought: 'buy',
  came: 'come', went: 'go', gone: 'go', saw: 'see', seen: 'see', knew: 'know', known: 'know', grew: 'grow',
  grown: 'grow', drew: 'draw', drawn: 'draw', fell: 'fall', fallen: 'fall', rose: 'rise', risen: 'rise',
  stood: 'stand', understood: 'understand', won: 'win', lost: 'lose', felt: 'feel', heard: 'hear', built: 'build',
  sought: 'seek', taught: 'teach', caught: 'catch', fought: 'fight', meant: 'mean', struck: 'strike', undertook: 'undertake',
  undertaken: 'undertake', oversaw: 'oversee', overseen: 'oversee', withdrew: 'withdraw', withdrawn: 'withdraw',
  children: 'children', child: 'child', people: 'people', women: 'woman', men: 'man',
};

/** A pronoun with its verb run on ("we'd", "they'll", "you've"): without the apostrophe it would read as "wed" or "well". */
const PRONOUN_CONTRACTION = /^(i|you|we|they|he|she|it|who|that|there)'(d|ll|ve|re|m)$/;

/** Small numbers are written both ways ("3 partners", "three partners"); one form for both. */
const NUMBER_WORDS: Record<string, string> = {
  '2': 'two', '3': 'three', '4': 'four', '5': 'five', '6': 'six', '7': 'seven', '8': 'eight', '9': 'nine', '10': 'ten',
};

/** "children's" → "children", "don't" → "dont", "we'd" → "we", "chosen" → "choose", "3" → "three": possessives, contractions, irregular forms and digits carry no meaning for search. */
export function normaliseWord(word: string): string {
  if (Object.prototype.hasOwnProperty.call(NUMBER_WORDS, word)) return NUMBER_WORDS[word]!;
  const w = word.includes("'") ? (PRONOUN_CONTRACTION.exec(word)?.[1] ?? word.replace(/'s$/, '').replace(/'/g, '')) : word;
  return Object.prototype.hasOwnProperty.call(IRREGULAR, w) ? IRREGULAR[w]! : w;
}

/**
 * The custom pipeline function: registered with lunr so a serialised index that
 * names it can be loaded (lunr.Index.load fails on unregistered functions).
 */
export const normaliseToken: lunr.PipelineFunction = (token) =>
  token.update((s) => normaliseWord(normaliseText(s)));

/** lunr's stop-word filter, except that question words survive in headings (see QUESTION_WORDS). */
export const stopWordFilter: lunr.PipelineFunction = (token) => {
  const word = token.toString();
  if (!STOP_WORDS.has(word)) return token;
  const fields = ((token as unknown as { metadata?: { fields?: string[] } }).metadata?.fields ?? []) as string[];
  return QUESTION_WORDS.has(word) && fields.includes('headings') ? token : (undefined as unknown as lunr.Token);
};

const NORMALISE_LABEL = 'lscpNormalise';
const STOP_LABEL = 'lscpStopWords';
let registered = false;

/** Idempotent: call before building or loading any index (lunr.Index.load throws on unregistered functions). */
export function registerPipelineFunctions(): void {
  if (registered) return;
  lunr.Pipeline.registerFunction(normaliseToken, NORMALISE_LABEL);
  lunr.Pipeline.registerFunction(stopWordFilter, STOP_LABEL);
  registered = true;
}

const stemCache = new LruCache<string, string>();

/** Normalised word → index term (Porter stem), the same transformation the index pipeline applies. */
export function stem(norm: string): string {
  return stemCache.getOrSet(norm, () => lunr.stemmer(new lunr.Token(norm, {})).toString());
}

/** Split free text into tokens with positions. Never throws; bounded by maxTokens. */
export function tokenize(text: string, maxTokens = Number.POSITIVE_INFINITY): TextToken[] {
  const out: TextToken[] = [];
  if (!text) return out;
  // Normalising can change string length (NFKD), so match on the original and normalise per word.
  for (const m of text.matchAll(WORD)) {
    if (out.length >= maxTokens) break;
    const raw = m[0];
    if (raw.length > MAX_WORD_LENGTH) continue;
    const norm = raw === '%' ? 'percent' : normaliseWord(normaliseText(raw));
    if (!norm) continue;
    const stop = STOP_WORDS.has(norm);
    out.push({ raw, norm, term: stop ? '' : stem(norm), stop, start: m.index ?? 0, length: raw.length });
  }
  return out;
}

const tokenCache = new LruCache<string, TextToken[]>();

/** `tokenize` for passage texts shown again and again. */
export function tokenizeCached(text: string): TextToken[] {
  return tokenCache.getOrSet(text, () => tokenize(text));
}

/** The index terms of a word or phrase, stop words removed: "Working Together 2018" → ["work", "togeth", "2018"]. */
export function analysePhrase(text: string): string[] {
  return tokenize(text)
    .filter((t) => !t.stop)
    .map((t) => t.term);
}

/**
 * lunr tokenizer replacement for the builder: same splitting as `tokenize`.
 * Tokens carry their position ([start, length]) as lunr's own tokenizer does;
 * the index keeps it only if metadataWhitelist asks for it.
 * Arrays (the concepts field) are taken as ready-made tokens.
 */
export function lunrTokenizer(obj: unknown, metadata?: Record<string, unknown>): lunr.Token[] {
  if (obj === null || obj === undefined) return [];
  if (Array.isArray(obj)) {
    return obj.map((t, index) => new lunr.Token(String(t), { ...(metadata ?? {}), index }));
  }
  return tokenize(String(obj)).map((t, index) => new lunr.Token(t.norm, { ...(metadata ?? {}), position: [t.start, t.length], index }));
}

/** Build the index-side pipeline: normalise, drop stop words, stem. */
export function configureBuilder(builder: lunr.Builder): void {
  registerPipelineFunctions();
  builder.pipeline.add(normaliseToken, lunr.trimmer, stopWordFilter, lunr.stemmer);
  // Only used if something calls Index#search; our queries pass analysed terms with usePipeline false.
  builder.searchPipeline.add(normaliseToken, lunr.trimmer, lunr.stemmer);
  builder.tokenizer = lunrTokenizer as unknown as typeof lunr.tokenizer;
}
