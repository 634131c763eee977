/** An answer other than 200 that a handler decides on: the server sends `{error: message}` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 404 | 414,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);
