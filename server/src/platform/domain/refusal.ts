import createError from 'http-errors';

/**
 * A request refused for a reason the client can act on: status, message and `details`.
 * Thrown from anywhere — domain, service, controller, a hook inside Strapi's own routes — it
 * is answered as it is by Strapi's error middleware, which knows http-errors errors; never
 * logged as a server fault, never caught and re-wrapped on the way.
 */
export class Refusal extends Error {
  /** http-errors' mark of an error whose message may reach the client. */
  readonly expose = true;
  readonly statusCode: number;

  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
    this.statusCode = status;
    // A 400 is named as Strapi names its own (and yup's) validation refusals.
    this.name = status === 400 ? 'ValidationError' : createError(status).name;
  }
}

// http-errors' HttpError refuses to be subclassed (its constructor throws), but Strapi's
// error middleware recognises it by `instanceof`: a Refusal is one by its prototype chain.
Object.setPrototypeOf(Refusal.prototype, createError.HttpError.prototype);
