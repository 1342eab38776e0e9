/**
 * Browsing: `topics` (the knowledge areas as buttons), `topics <topic>` (its
 * documents) and `about <document>` (one document's summary and source).
 */
import { aboutCommand, documentRow, findTopic, topicCommand } from '../../qna/documents.js';
import { summarySections } from '../../qna/summary.js';
import { sourceLine, supersededNote } from '../../qna/text.js';
import type { BotServices } from '../routing.js';
import type { Turn } from '../turn.js';
import { answerQuestion } from './ask.js';

export async function sendTopics(turn: Turn, services: BotServices): Promise<void> {
  const topics = services.knowledge.topics().map((t) => ({ label: t.label, count: t.documentCount, command: topicCommand(t.topic) }));
  await turn.sendCard(services.cards.render('topics', { topics }), 'Browse the guidance by topic');
}

export async function topicsCommand(turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void> {
  const wanted = (match[1] ?? '').trim();
  if (!wanted) return sendTopics(turn, services);
  const topic = findTopic(services.knowledge.topics(), wanted);
  if (!topic) {
    // "topics covered by the yearly report" is a question that happens to start with the word.
    if (wanted.split(/\s+/).length > 3) return answerQuestion(turn, services, match.input);
    await turn.sendText("I don't have a topic by that name. Here are the topics I can show you:");
    return sendTopics(turn, services);
  }
  const documents = services.knowledge.documents(topic.topic).map(documentRow);
  services.log.info({ event: 'topic', topic: topic.topic, documents: documents.length }, 'topic');
  await turn.sendCard(
    services.cards.render('topics-documents', {
      heading: topic.label,
      intro: `${documents.length} ${documents.length === 1 ? 'document' : 'documents'}. Choose one for a short summary, or type a question.`,
      documents,
    }),
    topic.label,
  );
}

export async function aboutCommandHandler(turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void> {
  const doc = services.knowledge.document(match[1] ?? '');
  // "about scrutiny" typed by a person is a question, not a document id.
  if (!doc) {
    // A button on an older answer or share card naming a briefing withdrawn since.
    const withdrawn = services.publications?.withdrawnNote([match[1] ?? '']);
    if (withdrawn) return void (await turn.sendText(`${withdrawn} Type **briefings** to see the current ones.`));
    return answerQuestion(turn, services, match.input);
  }
  const successor = doc.supersededBy ? services.knowledge.document(doc.supersededBy.id) : undefined;
  const topic = services.knowledge.topics().find((t) => t.topic === doc.topic);
  services.log.info({ event: 'about', document: doc.id }, 'document summary');
  await turn.sendCard(
    services.cards.render('answer-document', {
      title: doc.title,
      sourceLine: sourceLine(doc.source),
      document: doc.source.document !== doc.title ? doc.source.document : '',
      superseded: doc.superseded,
      supersededNote: doc.superseded ? supersededNote(doc.supersededBy) : '',
      supersededCommand: successor ? aboutCommand(successor.id) : '',
      sections: summarySections(services.knowledge, doc, 2),
      url: doc.source.url ?? '',
      hasUrl: Boolean(doc.source.url),
      topicLabel: (topic?.label ?? doc.topic).toLowerCase(),
      topicCommand: topicCommand(doc.topic),
    }),
    doc.title,
  );
}
