/**
 * Questions about the assistant itself ("where does your information come from",
 * "who made this bot", "can I trust these answers"). Their words are mostly ones
 * the search rightly ignores ("you", "information", "bot"), so they are recognised
 * here and searched as the heading of the matching section of the `about`
 * document. The question shown back to the reader stays as they typed it.
 */

/** The reader is asking about the assistant, not about safeguarding. */
const SELF = /\b(?:you|your|yourself|this (?:bot|assistant|app|tool|thing)|the (?:bot|assistant)|lscp assistant|these answers|the answers|your answers)\b/;

/** What happens to what the reader types, or holds: their questions, data and case details. */
const PRIVACY = /\b(?:store|stored|save|saved|keep|kept|log|logged|data protection|privacy|private|safe|confidential|who can see|case details|gdpr|data|type|typed|paste|names)\b/;

/**
 * The reader speaking of themselves ("I", "my", "in here", "this"): about the assistant only when what
 * they ask is what happens to what they type ("is my data safe", "who can see what i type").
 */
const FIRST_PERSON = /\b(?:i|me|my|mine|in here|this)\b/;

/** What they want to know, first match wins, mapped to the wording of the section that answers it. */
const INTENTS: [RegExp, string][] = [
  [/\b(?:official|endorsed|approved|statutory|government|dfe|department for education|vkpp product)\b/, 'is LSCP Assistant official guidance'],
  [/\b(?:up to date|current|latest|last updated|how old|recent|updated)\b/, "how up to date LSCP Assistant's knowledge is"],
  [PRIVACY, 'what LSCP Assistant does with what you type'],
  [/\b(?:source|sources|information|info|come from|get (?:it|this|your)|trust|reliable|accurate|accuracy|make (?:things|it|stuff) up|made up|hallucinat\w*|know (?:this|that))\b/, "where LSCP Assistant's answers come from"],
  [/\b(?:who (?:made|built|created|wrote|runs|owns|developed)|what are you|who are you|what can you do|what do you do|what is (?:this|lscp assistant)|help me with)\b/, 'what LSCP Assistant is and who it is for'],
];

/** Every intent's words, not only the matching one's ("how current is your info" asks about the assistant twice over), and the reader's and the assistant's own. */
const ASSISTANT_WORDS = [SELF, FIRST_PERSON, ...INTENTS.map(([pattern]) => pattern)].map((p) => new RegExp(p.source, 'g'));

/**
 * The search text for a question about the assistant, or undefined for any other question.
 * `namesTopic`: whether words the guidance covers are left once the assistant and the intent
 * are taken out ("rotherham chair is also scrutineer - how do you keep that objective"): then
 * "you" is anyone, and the question is about safeguarding.
 */
export function aboutAssistantQuery(question: string, namesTopic: (rest: string) => boolean = () => false): string | undefined {
  const text = question.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ');
  const addressed = SELF.test(text) || (PRIVACY.test(text) && FIRST_PERSON.test(text));
  if (!addressed) return undefined;
  const intent = INTENTS.find(([pattern]) => pattern.test(text));
  if (!intent) return undefined;
  const rest = ASSISTANT_WORDS.reduce((left, pattern) => left.replace(pattern, ' '), text);
  return namesTopic(rest) ? undefined : intent[1];
}
