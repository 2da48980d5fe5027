/**
 * Errors the domain and services raise. One exception filter maps them to GraphQL error
 * codes and the CLI maps them to messages and exit codes; neither catches them one by one.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** Input that cannot be accepted; `path` names the field ("workload.components[0].vcpu"). */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly path?: string,
    details?: Record<string, unknown>,
  ) {
    super(path ? `${path}: ${message}` : message, { ...details, ...(path ? { path } : {}) });
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}
