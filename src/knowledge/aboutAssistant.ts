/**
 * Questions about the assistant itself ("where does your information come from",
 * "who made this bot", "can I trust these answers"). Their words are mostly ones
 * the search rightly ignores ("you", "information", "bot"), so they are recognised
 * here and searched as the heading of the matching section of the `about`
 * document. The question shown back to the reader stays as they typed it.
 */

/** The reader is asking about the assistant, not about safeguarding. */
const SELF = /\b(?:you|your|yourself|this (?:bot|assistant|app|tool|thing)|the (?:bot|assistant)|lscp assistant|these answers|the answers|your answers)\b/;

/** What they want to know, first match wins, mapped to the wording of the section that answers it. */
const INTENTS: [RegExp, string][] = [
  [/\b(?:official|endorsed|approved|statutory|government|dfe|department for education|vkpp product)\b/, 'is LSCP Assistant official guidance'],
  [/\b(?:up to date|current|latest|last updated|how old|recent|updated)\b/, "how up to date LSCP Assistant's knowledge is"],
  [/\b(?:store|stored|save|saved|keep|kept|log|logged|data protection|privacy|private|safe|confidential|who can see|case details|gdpr)\b/, 'what LSCP Assistant does with what you type'],
  [/\b(?:source|sources|information|info|come from|get (?:it|this|your)|trust|reliable|accurate|accuracy|make (?:things|it|stuff) up|made up|hallucinat\w*|know (?:this|that))\b/, "where LSCP Assistant's answers come from"],
  [/\b(?:who (?:made|built|created|wrote|runs|owns|developed)|what are you|who are you|what can you do|what do you do|what is (?:this|lscp assistant)|help me with)\b/, 'what LSCP Assistant is and who it is for'],
];

/** The search text for a question about the assistant, or undefined for any other question. */
export function aboutAssistantQuery(question: string): string | undefined {
  const text = question.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ');
  if (!SELF.test(text)) return undefined;
  for (const [pattern, query] of INTENTS) if (pattern.test(text)) return query;
  return undefined;
}
