import type { ApiErrorShape, ErrorCode } from '@contract/index';

/** Thrown by handlers; dispatch turns it into `{ ok: false, error }`. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiErrorShape['issues'],
  ) {
    super(message);
  }

  toShape(): ApiErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
    };
  }
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError('not_found', `${what} ${id} does not exist`);
}
