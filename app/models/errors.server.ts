// Errors the model layer throws on purpose; routes turn them into answers a
// person can act on (Korean), never a 500.
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message = "과제를 찾을 수 없습니다.") {
    super(message);
    this.name = "NotFoundError";
  }
}

/** Someone else saved first (optimistic locking on a `version` column). */
export class ConflictError extends Error {
  readonly status = 409;
  constructor(message = "다른 사용자가 먼저 변경했습니다. 새로고침한 뒤 다시 시도해 주세요.") {
    super(message);
    this.name = "ConflictError";
  }
}

/** The acting user's role or organisation may not do this (the data is visible to them). */
export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(message = "이 작업을 할 권한이 없습니다.") {
    super(message);
    this.name = "ForbiddenError";
  }
}
