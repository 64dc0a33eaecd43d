import { Refusal } from '../../platform/domain/refusal';

/**
 * Copy that cannot be taken; the message names the problem. Its status is what the client
 * gets: 400 unreadable, 413 too large, 415 wrong type, 422 readable but not acceptable.
 */
export class WireParseError extends Refusal {
  constructor(
    message: string,
    status: 400 | 413 | 415 | 422 = 422,
    details: Record<string, unknown> = {}
  ) {
    super(status, message, details);
  }
}
