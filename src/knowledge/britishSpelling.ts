/**
 * British spellings of an American-spelt word ("neighboring" → "neighbouring",
 * "prioritize" → "prioritise", "center" → "centre"). The knowledge files are
 * written in British English and people type both; an American spelling is a
 * real word (so it is never treated as a typo) that the index simply spells
 * otherwise. The candidates come from the regular patterns of the two
 * spellings, as reference grammars list them (for example the Oxford English
 * Dictionary's notes on -ize and -ise, or "American and British English
 * spelling differences"); the caller keeps one only if the index has it, so a
 * pattern that misfires ("motor" → "motour") finds nothing and changes nothing.
 */

/** [American pattern, British replacement], each anchored at the end of the word (suffixes kept). */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // neighbor, behavior, color, labor, favor, honor (+s, -ed, -ing, -hood, -ly, -able, -ful, -ite)
  [/([a-z]{2,})or(s|ed|ing|hood|hoods|ly|able|ful|ite|ites)?$/, '$1our$2'],
  // organize, recognize, prioritize, analyze (+s, -d, -ing, -ation, -er)
  [/([a-z]{2,})iz(e|es|ed|ing|ation|ations|er|ers)$/, '$1is$2'],
  [/([a-z]{2,})yz(e|es|ed|ing|er|ers)$/, '$1ys$2'],
  // center, fiber, theater
  [/([a-z]{2,}[^aeiou])er(s)?$/, '$1re$2'],
  // defense, offense, license, pretense
  [/([a-z]{2,})ense(s)?$/, '$1ence$2'],
  // catalog, dialog
  [/([a-z]{2,})og(s)?$/, '$1ogue$2'],
  // program, programs
  [/(program)(s)?$/, '$1me$2'],
  // traveled, canceled, modeling, counselor
  [/([a-z]{2,}[aeiou])l(ed|ing|er|ers|or|ors)$/, '$1ll$2'],
  // judgment, acknowledgment
  [/([a-z]{2,})dgment(s)?$/, '$1dgement$2'],
  // pediatric, pedophile, anemia, anesthetic, hematology, esophagus
  [/^ped/, 'paed'],
  [/^(an|h)em/, '$1aem'],
  [/^(an)es/, '$1aes'],
  [/^es(oph)/, 'oes$1'],
];

/** The British spellings a word might have, most likely first; none when it has no American pattern. */
export function britishSpellings(word: string): string[] {
  const out: string[] = [];
  for (const [pattern, replacement] of PATTERNS) {
    if (!pattern.test(word)) continue;
    const variant = word.replace(pattern, replacement);
    if (variant !== word && !out.includes(variant)) out.push(variant);
  }
  return out;
}
