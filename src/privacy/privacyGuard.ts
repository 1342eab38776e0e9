/**
 * The privacy guard: does a message look like it carries details that could identify a child or family?
 *
 * The assistant is for guidance, not case work. A flagged message is answered
 * with a reminder and is never searched, stored or logged, so this check runs
 * before anything else touches the text. It is deliberately pure (no Bot
 * Framework, no I/O) so every rule can be tested with plain strings.
 *
 * The balance: a missed identifier is worse than a needless reminder, but a guard
 * that fires on ordinary questions ("what did WT2018 say in July 2018", "the 15
 * working days rule", "the Arthur Labinjo-Hughes review") teaches people to
 * ignore it. So each rule looks for the *shape* of a personal detail, and names
 * from public national reviews are allowed.
 */

export type PrivacyFinding =
  | 'nhs-number'
  | 'reference-number'
  | 'date-of-birth'
  | 'phone-number'
  | 'email-address'
  | 'postcode'
  | 'named-child';

export interface PrivacyCheck {
  flagged: boolean;
  /** What was found, by kind only: never the matched text, so the result is safe to log. */
  findings: PrivacyFinding[];
}

/** Plain-English names for the reminder ("it looks like it includes a phone number"). */
export const FINDING_LABELS: Record<PrivacyFinding, string> = {
  'nhs-number': 'an NHS number',
  'reference-number': 'a case or reference number',
  'date-of-birth': 'a date of birth',
  'phone-number': 'a phone number',
  'email-address': 'an e-mail address',
  postcode: 'a postcode',
  'named-child': "a child's or family's name with details about them",
};

export function checkPrivacy(text: string): PrivacyCheck {
  const findings: PrivacyFinding[] = [];
  const add = (finding: PrivacyFinding, found: boolean) => {
    if (found && !findings.includes(finding)) findings.push(finding);
  };
  // Teams may send non-breaking or thin spaces between digit groups.
  const t = text.replace(/[\u00a0\u2009\u202f]/g, ' ');
  add('email-address', EMAIL.test(t));
  const nhs = hasNhsNumber(t);
  add('nhs-number', nhs);
  add('phone-number', hasPhoneNumber(t));
  add('reference-number', !nhs && hasReferenceNumber(t));
  add('date-of-birth', hasDateOfBirth(t));
  add('postcode', hasPostcode(t));
  add('named-child', hasNamedChild(t));
  return { flagged: findings.length > 0, findings };
}

// ─── Contact details ──────────────────────────────────────────────────────────

const EMAIL = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/;

/** UK numbers: 0 then 9–10 more digits (01…, 02…, 07…, 08…), or +44 / 0044 then 9–10 digits; spaces, dots, hyphens and brackets allowed between groups. */
const PHONE = /(?:(?:\+|\b00)44[\s.-]?(?:\(0\)[\s.-]?)?|(?<![\d/.-])\(?0)[1-9](?:[\s.)-]{0,2}\d){8,9}(?![\d/])/;

function hasPhoneNumber(t: string): boolean {
  return PHONE.test(t);
}

// ─── NHS and other reference numbers ──────────────────────────────────────────

const TEN_DIGITS = /(?<![\d/.-])(\d{3})[\s-]?(\d{3})[\s-]?(\d{4})(?![\d/.-])/g;

/** NHS numbers are ten digits, usually written 3-3-4, with a Modulus 11 check digit. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

function hasNhsNumber(t: string): boolean {
  for (const m of t.matchAll(TEN_DIGITS)) {
    const digits = `${m[1]}${m[2]}${m[3]}`;
    const spaced = m[0].length > 10;
    // A valid check digit is an NHS number; a number written 3-3-4 is one mistyped (still personal) unless it is a phone number.
    if (isValidNhsNumber(digits) || (spaced && !digits.startsWith('0'))) return true;
  }
  return false;
}

/** Long digit runs, or "case ref …" style labels, are how case files are referred to. */
function hasReferenceNumber(t: string): boolean {
  if (/(?<![\d.,])\d{8,}(?![\d.,])/.test(t.replace(PHONE_GLOBAL, ' '))) return true;
  return /\b(?:case|child|client|file|referral|record|mosaic|lccs|liquid\s?logic)\s*(?:ref(?:erence)?|no|number|id|#)\.?\s*[:#]?\s*[a-z]{0,4}[-/]?\d{4,}/i.test(t);
}
const PHONE_GLOBAL = new RegExp(PHONE.source, 'g');

// ─── Dates of birth ───────────────────────────────────────────────────────────

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const DATE_LIKE = [
  `\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}`, // 03/05/2016, 3.5.16
  `${DAY}\\s+(?:of\\s+)?${MONTH}\\b(?:,?\\s+\\d{2,4})?`, // 3rd May 2016, 3 May
  `${MONTH}\\s+${DAY}\\b(?:,?\\s+\\d{4})?`, // May 3rd, 2016
  `${MONTH}\\s+\\d{4}`, // May 2016
  `(?:19|20)\\d{2}\\b`, // 2016
].join('|');

/** A birth word directly followed by a date: "born 3 May 2016", "DOB: 03/05/16", "date of birth 12.3.2015". */
const BIRTH_THEN_DATE = new RegExp(`\\b(?:born(?:\\s+(?:on|in))?(?:\\s+the)?|d\\.?\\s?o\\.?\\s?b\\.?|date\\s+of\\s+birth|birth\\s?date|birthday(?:\\s+is)?)\\s*(?:is|was|[:=-])?\\s*(?:${DATE_LIKE})`, 'i');
/** …or the other way round: "03/05/2016 (DOB)". */
const DATE_THEN_BIRTH = new RegExp(`(?:\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4})\\s*\\(?\\s*(?:d\\.?o\\.?b\\.?|date of birth)\\b`, 'i');

function hasDateOfBirth(t: string): boolean {
  return BIRTH_THEN_DATE.test(t) || DATE_THEN_BIRTH.test(t);
}

// ─── Postcodes ────────────────────────────────────────────────────────────────

/**
 * A full UK postcode (outward and inward code). The inward code's letters never
 * include C, I, K, M, O or V, which keeps "WT18 2nd" and the like out; an area
 * on its own ("LS1", "N1") is not personal and is not flagged.
 */
const POSTCODE = /\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b/gi;

function hasPostcode(t: string): boolean {
  for (const m of t.matchAll(POSTCODE)) {
    const inward = m[0].replace(/\s/g, '').slice(-3).toLowerCase();
    if (/^\d(st|nd|rd|th)$/.test(inward)) continue; // "WT18 2nd", "CP1 3rd"
    // Typed lower-case without the space ("ls14ap") is too like an id or a word; require the space or capitals.
    if (!/\s/.test(m[0]) && m[0] !== m[0].toUpperCase()) continue;
    return true;
  }
  return false;
}

// ─── A named child or family with a case detail ───────────────────────────────

/** Names the public already knows from national reviews and inquiries: asking about these is guidance, not case work. */
const PUBLIC_REVIEW_NAMES = new Set([
  'arthur', 'labinjo-hughes', 'star', 'hobson', 'child q', 'q', 'victoria', 'climbié', 'climbie', 'peter', 'connelly', 'baby p',
  'daniel', 'pelka', 'logan', 'mwangi', 'khyra', 'ishaq', 'ellie', 'butler', 'hamzah', 'khan', 'keanu', 'williams',
]);

/**
 * Capitalised words that are not people's first names, so "Children aged 5" or
 * "Section 11" do not count as a named child. Place and organisation names from
 * the guidance are here too.
 */
const NOT_NAMES = new Set(
  (
    'a an the and or but if when where who what which why how is are was were do does did can could should would will may might must ' +
    'i we you they he she it my our your their his her its this that these those there here ' +
    'child children childs young people person pupils pupil students student babies baby boys boy girls girl teenagers teenager infants infant kids kid sons son daughters daughter siblings sibling ' +
    'parents parent families family carers carer mother father mum dad ' +
    'all any some most many each every anyone someone everyone nobody no yes not under over between about around after before during since until from to for of in on at by with without ' +
    'year years stage key section chapter paragraph para page part schedule annex appendix table figure step level tier phase round wave group cohort class grade ' +
    'working together wt wt18 wt23 wt2018 wt2023 cis lscp lscps scp dsp dsps icb ccg nhs ofsted panel police council partnership partnerships board government department ' +
    'england wales london leeds essex devon bexley birmingham brent derby derbyshire ealing enfield rotherham stockport tameside manchester warwickshire staffordshire stoke redbridge havering hackney lincolnshire bracknell waltham ' +
    'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday ' +
    'please thanks thank hello hi dear also then so just only both either neither'
  ).split(' '),
);

const NAME = "[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?";
/** Either case for the first letter only, so a name still has to be capitalised. */
const ci = (words: string[]) => `(?:${words.map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`).join('|')})`;
const CHILD_NOUN = ci(['child', 'boy', 'girl', 'baby', 'son', 'daughter', 'toddler', 'infant', 'teenager', 'young person', 'pupil', 'student', 'sibling', 'brother', 'sister', 'kid', 'family', 'mum', 'mother', 'dad', 'father']);

/** "a child called Jayden", "girl named Amy", "the family known as Smith". */
const CHILD_CALLED = new RegExp(`\\b${CHILD_NOUN}\\s+(?:called|named|known as)\\s+(${NAME})`, 'g');
/** "my case Jayden", "our case, Amy Smith", "the case of Jayden". */
const CASE_OF = new RegExp(`\\b${ci(['my', 'our', 'this', 'a', 'the'])}\\s+(?:current\\s+|open\\s+|live\\s+)?case(?:\\s+is)?(?:\\s+(?:of|about|involving|regarding|concerning|re)|,|:)?\\s+(${NAME})`, 'g');
/** "Jayden, aged 7", "Amy Smith (7)", "Jayden age 7", "Amy, 7 years old", "Noah, 14, …", "Jayden is 7", "Noah who is 9", "Jayden, a 7-year-old". */
const NAME_WITH_AGE = new RegExp(
  `\\b(${NAME})(?:\\s+(${NAME}))?\\s*(?:,\\s*|\\s+|\\(\\s*)(?:aged?\\s*\\d{1,2}\\b|\\d{1,2}\\s*(?=,)|who\\s+(?:is|was)\\s+\\d{1,2}\\b|\\d{1,2}\\s*\\)|\\d{1,2}\\s*(?:years?|yrs?|months?|weeks?)(?:[\\s-]+old)?\\b|(?:is|was)\\s+\\d{1,2}(?:\\s*(?:years?|yrs?|months?)(?:\\s+old)?)?(?=\\s*(?:$|[,.;!?)]|and\\b|but\\b|with\\b|who\\b))|an?\\s+\\d{1,2}[\\s-]+(?:year|month)[\\s-]+old)`,
  'g',
);
/** "Jayden's mum", "Amy's stepdad", "Jayden's school". */
const POSSESSIVE_DETAIL = new RegExp(
  `\\b(${NAME})['’]s\\s+(?:mum|mother|dad|father|step-?(?:dad|father|mum|mother)|parents?|carers?|foster carers?|grand(?:mother|father|parents?)|gran|nan|sister|brother|siblings?|social worker|school|nursery|teacher|gp|health visitor|family|home|address|injur(?:y|ies)|bruis\\w*|disclosure|cp plan|child protection plan|placement)\\b`,
  'g',
);
/** "the Smith family". */
const NAMED_FAMILY = new RegExp(`\\b[Tt]he\\s+(${NAME})\\s+(?:family|children|household|twins|siblings)\\b`, 'g');
/** A name together with a personal case detail anywhere in the message. */
const CASE_DETAIL =
  /\b(?:disclosed|disclosure|bruis(?:e|es|ed|ing)|injur(?:y|ies|ed)|assaulted|abused|neglected|self[- ]harm(?:ed|ing)?|went missing|is missing|was missing|missing from (?:home|care|school)|(?:on|subject to|has|had|have) an? (?:cp|child protection|child in need|cin) plan|taken into care|in foster care|(?:his|her|their) (?:mum|mother|dad|father|stepdad|stepfather|mum's boyfriend|siblings?)|excluded from school|lives (?:with|at)|strategy (?:meeting|discussion) (?:for|about|on))\b/i;
const ANY_NAME = new RegExp(`\\b(${NAME})\\b`, 'g');
/** "Kent's partners", "Norfolk Council": a place, not a person. */
const ORGANISATION_AFTER = /^(?:['’]s)?\s+(?:partners?|partnership|council|police|county|city|borough|scp|lscp|safeguarding|area|icb|local authority|children's services)\b/i;

function isPrivateName(name: string | undefined): boolean {
  if (!name) return false;
  const lower = name.toLowerCase();
  return !NOT_NAMES.has(lower) && !PUBLIC_REVIEW_NAMES.has(lower);
}

function anyMatch(re: RegExp, t: string, test: (m: RegExpMatchArray) => boolean): boolean {
  for (const m of t.matchAll(re)) if (test(m)) return true;
  return false;
}

function hasNamedChild(t: string): boolean {
  if (anyMatch(CHILD_CALLED, t, (m) => isPrivateName(m[1]))) return true;
  if (anyMatch(CASE_OF, t, (m) => isPrivateName(m[1]))) return true;
  if (anyMatch(NAME_WITH_AGE, t, (m) => !PUBLIC_REVIEW_NAMES.has(m[1]!.toLowerCase()) && (isPrivateName(m[1]) || isPrivateName(m[2])))) return true;
  if (anyMatch(POSSESSIVE_DETAIL, t, (m) => isPrivateName(m[1]))) return true;
  if (anyMatch(NAMED_FAMILY, t, (m) => isPrivateName(m[1]))) return true;
  if (CASE_DETAIL.test(t)) {
    return anyMatch(ANY_NAME, t, (m) => {
      const at = m.index ?? 0;
      return isPrivateName(m[1]) && !isSentenceStartCommonWord(t, at) && !ORGANISATION_AFTER.test(t.slice(at + m[0].length));
    });
  }
  return false;
}

/**
 * At the start of a sentence any word is capitalised; only count it as a name
 * when the next word reads like something a person does ("Jayden disclosed…").
 */
function isSentenceStartCommonWord(t: string, index: number): boolean {
  const before = t.slice(0, index).trimEnd();
  const atStart = before === '' || /[.!?:;]$/.test(before);
  if (!atStart) return false;
  const after = t.slice(index).split(/\s+/)[1]?.toLowerCase() ?? '';
  return !/^(?:is|was|has|had|disclosed|told|said|lives|went|came|ran|self|attends|attended|and|who|['’]s)$/.test(after);
}
