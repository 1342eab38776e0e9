/**
 * Why a file could not become a draft briefing, or a draft could not be published.
 *
 * Each reason has one plain sentence the facilitator reads as it is (in Teams
 * and on the command line); nothing is stored or changed when one is thrown.
 */
export type PublishProblem =
  | 'wrong_type'
  | 'too_big'
  | 'too_long'
  | 'no_text'
  | 'encrypted'
  | 'corrupt'
  | 'download_failed'
  | 'download_timeout'
  | 'host_not_allowed'
  | 'invalid'
  | 'unknown_briefing'
  | 'already_done';

export class PublishError extends Error {
  override name = 'PublishError';
  constructor(
    readonly problem: PublishProblem,
    message: string,
  ) {
    super(message);
  }
}

/** A file name as safe to show: no control characters or paths, at most 120 characters. */
export function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'the file').slice(0, 120);
}
