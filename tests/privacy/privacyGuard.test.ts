import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPrivacy, isValidNhsNumber, type PrivacyFinding } from '../../src/privacy/privacyGuard.js';

const flagged: Array<[string, PrivacyFinding]> = [
  // NHS numbers (943 476 5919 is the NHS's own published test number)
  ['Can you check 943 476 5919 for me', 'nhs-number'],
  ['nhs no 9434765919 - what should the ICB do?', 'nhs-number'],
  ['NHS number 943-476-5919', 'nhs-number'],
  ['his number is 123 456 7890', 'nhs-number'],
  // dates of birth
  ['Jay (DOB 03/05/2016) was seen by the GP', 'date-of-birth'],
  ['child born 3rd May 2016 in our area, who do I tell', 'date-of-birth'],
  ['born on 12 March 2015, what is the threshold', 'date-of-birth'],
  ['d.o.b. 3.5.16', 'date-of-birth'],
  ['date of birth: 14 February 2019', 'date-of-birth'],
  ['the baby was born in 2023 and is on a plan', 'date-of-birth'],
  ['03/05/2016 (DOB) referral', 'date-of-birth'],
  // phone numbers
  ['call mum on 07700 900123', 'phone-number'],
  ['ring +44 7700 900123 about the referral', 'phone-number'],
  ['the school is on 0113 496 0000', 'phone-number'],
  ['020 7946 0958 is the social worker', 'phone-number'],
  ['(01632) 960 001', 'phone-number'],
  // e-mail addresses
  ['send it to jane.doe@example.org please', 'email-address'],
  ['mum emailed from amy_smith+home@mail.co.uk', 'email-address'],
  // postcodes
  ['family lives at LS1 4AP', 'postcode'],
  ['the address is sw1a 1aa', 'postcode'],
  ['M1 1AE', 'postcode'],
  ['they moved to B332TT last week', 'postcode'],
  // reference numbers
  ['case ref 12345678 needs scrutiny', 'reference-number'],
  ['Mosaic ID 4455667 - can you look', 'reference-number'],
  // a named child or family with a case detail
  ['Jayden, aged 7, has bruises on his arm', 'named-child'],
  ['Amy Smith (7) disclosed at school', 'named-child'],
  ['what should we do about Tyler age 12', 'named-child'],
  ['we have a child called Jayden who keeps going missing', 'named-child'],
  ['a girl named Amy in year 6', 'named-child'],
  ['my case Jayden needs a strategy meeting', 'named-child'],
  ['in my case, Kayla, the school did not refer', 'named-child'],
  ["Jayden's mum says the stepdad hits him", 'named-child'],
  ['the Kowalski family have moved in with their uncle', 'named-child'],
  ['Jayden disclosed that his stepdad hit him', 'named-child'],
  ['should I escalate if Kayla is on a child protection plan', 'named-child'],
  ['Is Jayden, a 7-year-old, eligible', 'named-child'],
  ['Mia is 4 and lives with her gran', 'named-child'],
  ['my case is about Noah who is 9', 'named-child'],
  ['Noah Smith, 14, excluded again', 'named-child'],
  ['Oliver, 6, has a CP plan', 'named-child'],
  ['Isla was taken into care yesterday', 'named-child'],
  ['a 7-year-old girl called Isla', 'named-child'],
];

const clean: string[] = [
  'what did WT2018 say in July 2018',
  'what does WT2023 say about independent scrutiny',
  'the 15 working days rule',
  'Arthur Labinjo-Hughes national review',
  'what did the national review of Arthur and Star say',
  'Star Hobson, aged 16 months, what did the Panel find?',
  'Child Q (15) Hackney review findings',
  "What did Arthur's father's case teach partnerships about information sharing",
  'what is a DSP',
  'who is the lead safeguarding partner for health',
  'who should scrutinise our partnership?',
  'the 1 July 2022 change from CCGs to ICBs',
  'What changed on 01/07/2022?',
  'what does section 16E of the Children Act 2004 say',
  'Children Act 1989 section 47 enquiries',
  'how many LSCPs were there in 2019-20',
  'WT23 para 55 and chapter 2',
  'Working Together 2023 chapter 2',
  'CIS-E3 evidence',
  'What did Lorraine Parker say about SCRIB in June 2022?',
  'Essex practice example on scrutiny',
  'the 7-minute briefing',
  'children aged 0-5 and early help',
  'Children aged 5 and under in the yearly report',
  'year 7 pupils and relevant agencies',
  'under 18s in custody',
  'how do schools become relevant agencies',
  'What did the Wood review in 2016 recommend?',
  'The reforms were born out of the Wood review in 2016',
  'what should a partnership do when a child has bruises and is missing from school',
  'Kent partnership lives with a three-way split',
  'Who funds the partnership in Norfolk? 50% police',
  'MacAlister review May 2022 recommendations',
  'what happens at a rapid review within 15 working days',
  'JTAI themes 2023-24',
  'Leeds SCP yearly report 2024',
  'ICB chief executive as lead partner from December 2024',
  'What is Key Stage 2 years',
  'Childline 0800 1111',
  'What is the role of the Independent Chair?',
  'Devon is 5 years into its arrangements',
  'Step 2 of the checklist',
  'what were the 2022 findings on independent scrutiny',
  'Wood sector expert review 2021',
  'what does the Children and Social Work Act 2017 require',
  'WT18 2nd edition',
  'dsp?',
  'Tell me about the Bexley practice example',
  'Can the ICB delegate to a designated nurse?',
  'How much did partnerships spend in 2021-22? £1.2m',
];

describe('privacy guard', () => {
  it.each(flagged)('flags %j as %s', (text, finding) => {
    const result = checkPrivacy(text);
    expect(result.flagged).toBe(true);
    expect(result.findings).toContain(finding);
  });

  it.each(clean)('lets %j through', (text) => {
    expect(checkPrivacy(text)).toEqual({ flagged: false, findings: [] });
  });

  it('checks the NHS Modulus 11 digit', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
  });

  it('reports kinds only, never the matched text', () => {
    const result = checkPrivacy('Jayden, aged 7, 07700 900123, jay@example.org');
    expect(JSON.stringify(result)).not.toMatch(/Jayden|07700|example/);
    expect(result.findings).toEqual(expect.arrayContaining(['named-child', 'phone-number', 'email-address']));
  });

  it('reads non-breaking spaces between digit groups as spaces', () => {
    expect(checkPrivacy('943\u00a0476\u00a05919').findings).toContain('nhs-number');
  });

  const evalFile = new URL('../eval/questions.jsonl', import.meta.url);
  it.runIf(existsSync(evalFile))('lets every question of the evaluation set through', () => {
    const questions = readFileSync(evalFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { question: string }).question);
    expect(questions.length).toBeGreaterThan(50);
    expect(questions.filter((q) => checkPrivacy(q).flagged)).toEqual([]);
  });
});
