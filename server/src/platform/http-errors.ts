import createError from 'http-errors';
import type { Context } from 'koa';

const NAMES: Record<number, string> = {
  400: 'ValidationError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  422: 'UnprocessableEntityError',
};

/** A refusal with the status the problem calls for, including those Strapi has no error class for (409, 415, 422). */
export class NewsroomHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = NAMES[status] ?? 'ApplicationError';
  }
}

/** Answers in Strapi's error shape: `{ data: null, error: { status, name, message, details } }`. */
export const sendError = (ctx: Context, error: { status: number; message: string; details?: Record<string, unknown> }) => {
  ctx.status = error.status;
  ctx.body = {
    data: null,
    error: { status: error.status, name: NAMES[error.status] ?? 'ApplicationError', message: error.message, details: error.details ?? {} },
  };
};

/**
 * The same refusal as an http-errors error, which Strapi's error middleware answers with its
 * status and message without logging it as a server fault (for errors thrown inside Strapi's
 * own routes, such as the upload API).
 */
export const asHttpError = (error: NewsroomHttpError) => createError(error.status, error.message, { details: error.details });

/** A refusal thrown from anywhere a request passes: Strapi's error middleware answers it with its status, message and details. */
export const httpError = (status: number, message: string, details: Record<string, unknown> = {}) => createError(status, message, { details });

/**
 * A 403 whose message reaches the client. Strapi's route authorisation turns any
 * `errors.ForbiddenError` thrown inside a handler into a bare "Forbidden", which would hide
 * why (e.g. that articles are published only through the workflow).
 */
export const forbiddenError = (message: string, details: Record<string, unknown> = {}) => httpError(403, message, details);
