/**
 * Raised when copy cannot be taken; the message names the problem. `status` is the HTTP
 * status a client gets: 400 unreadable, 413 too large, 415 wrong type, 422 readable but
 * not acceptable.
 */
export class WireParseError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 | 422 = 422,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = 'WireParseError';
  }
}
