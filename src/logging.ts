/**
 * Logging: structured JSON lines (pino) for the operator, never the content of what users type.
 *
 * Safeguarding conversations may carry sensitive details, so message text is
 * redacted wherever it could appear in a logged object; handlers log ids, verbs
 * and counts instead.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'text',
  '*.text',
  'activity.text',
  'activity.value',
  'question',
  '*.question',
  'note',
  '*.note',
  'req.headers.authorization',
  'headers.authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'lscp-assistant' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
