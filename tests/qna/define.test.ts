import { describe, expect, it } from 'vitest';
import { glossaryAnswers, parseDefinitionRequest, termKey } from '../../src/qna/define.js';

describe('recognising a request for a definition', () => {
  it.each([
    ['define WT23', 'WT23', 'strong'],
    ['Define: WT23', 'WT23', 'strong'],
    ['what does DSP mean', 'DSP', 'strong'],
    ['What does DSP mean?', 'DSP', 'strong'],
    ['what does an ICB stand for?', 'ICB', 'strong'],
    ['meaning of jtai', 'jtai', 'strong'],
    ["what's the meaning of LSP", 'LSP', 'strong'],
    ['dsp?', 'dsp', 'strong'],
    ['JTAI meaning', 'JTAI', 'strong'],
    ['what is an ICB', 'ICB', 'weak'],
    ['what is the DSP?', 'DSP', 'weak'],
    ['who is the LSP', 'LSP', 'weak'],
    ['icb', 'icb', 'weak'],
    ['relevant agency', 'relevant agency', 'weak'],
    // The subject first, as busy people type it.
    ['CIS - what is it and who made it', 'CIS', 'weak'],
    ["MASA? what's that", 'MASA', 'weak'],
    ['the JTAI, what is it', 'JTAI', 'weak'],
    ['jtai: what does it mean', 'jtai', 'strong'],
  ] as const)('%j asks about %j (%s)', (text, subject, strength) => {
    expect(parseDefinitionRequest(text)).toMatchObject({ subject, strength });
  });

  it.each(['what is the role of the ICB in a rapid review', 'we kept the chair from the old board but brought in a scrutineer, what is that called', 'who should scrutinise our partnership and how', 'how do schools become relevant agencies', ''])('%j is a question, not a definition', (text) => {
    expect(parseDefinitionRequest(text)).toBeUndefined();
  });
});

describe('whether the glossary answers it', () => {
  const dsp = { term: 'DSP', standsFor: 'Delegated Safeguarding Partner', also: ['DSPs', 'delegated safeguarding partner'], definition: '…' };
  const is = { term: 'IS', standsFor: 'independent scrutiny', also: [], definition: '…' };

  const wt23 = { term: 'WT23', standsFor: 'Working Together to Safeguard Children 2023', also: ['WT2023', 'working together'], definition: '…' };
  const rapid = { term: 'Rapid review', standsFor: 'rapid review', also: [], definition: '…' };

  it('always for the term or an alias (plurals too)', () => {
    expect(glossaryAnswers(dsp, { subject: 'dsp', strength: 'weak' })).toBe(true);
    expect(glossaryAnswers(dsp, { subject: 'DSPs', strength: 'weak' })).toBe(true);
    expect(glossaryAnswers(wt23, { subject: 'wt2023', strength: 'weak' })).toBe(true);
    expect(glossaryAnswers(wt23, { subject: 'working together', strength: 'weak' })).toBe(true);
    expect(glossaryAnswers(rapid, { subject: 'rapid review', strength: 'weak' })).toBe(true);
  });

  it('for the long form alone only when a meaning was asked for in so many words', () => {
    expect(glossaryAnswers(is, { subject: 'independent scrutiny', strength: 'weak' })).toBe(false);
    expect(glossaryAnswers(wt23, { subject: 'working together to safeguard children 2023', strength: 'weak' })).toBe(false);
    expect(glossaryAnswers(is, { subject: 'independent scrutiny', strength: 'strong' })).toBe(true);
  });

  it('compares names without case or punctuation', () => {
    expect(termKey('W.T. 23')).toBe('wt23');
  });
});
