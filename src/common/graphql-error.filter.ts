import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { ImportFailedError } from '../catalog/offer-import.service.js';
import { ImportFormatError } from '../catalog/importers/catalog-importer.js';
import { DomainError } from './errors.js';

/** Maps domain errors to GraphQL error codes, so resolvers never catch them one by one. */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'http') return respondHttp(exception, host, this.logger);
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof DomainError) {
      return new GraphQLError(exception.message, {
        extensions: { code: exception.code, ...exception.details },
      });
    }
    if (exception instanceof ImportFormatError) {
      return new GraphQLError(exception.message, {
        extensions: { code: 'BAD_USER_INPUT', format: exception.format },
      });
    }
    if (exception instanceof ImportFailedError) {
      return new GraphQLError(exception.message, {
        extensions: { code: 'IMPORT_FAILED', summary: exception.summary },
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code =
        status === 400
          ? 'BAD_USER_INPUT'
          : status === 401
            ? 'UNAUTHENTICATED'
            : status === 403
              ? 'FORBIDDEN'
              : 'INTERNAL_SERVER_ERROR';
      return new GraphQLError(exception.message, { extensions: { code } });
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}

const HTTP_STATUS: Record<string, number> = {
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
};

/** HTTP routes (health, exports) get the same mapping as JSON `{error, code}`. */
function respondHttp(exception: unknown, host: ArgumentsHost, logger: Logger): void {
  const response = host.switchToHttp().getResponse<{
    headersSent: boolean;
    status(code: number): { json(body: unknown): void };
    end(): void;
  }>();
  let status = 500;
  let body: Record<string, unknown> = { error: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' };
  if (exception instanceof DomainError) {
    status = HTTP_STATUS[exception.code] ?? 400;
    body = { error: exception.message, code: exception.code, ...exception.details };
  } else if (exception instanceof HttpException) {
    status = exception.getStatus();
    body = { error: exception.message, code: status === 404 ? 'NOT_FOUND' : 'HTTP_ERROR' };
  } else {
    logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  }
  if (response.headersSent) return response.end();
  response.status(status).json(body);
}
