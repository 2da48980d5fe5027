import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** Nest's start-up chatter (one line per module and route), shown only at LOG_LEVEL=debug. */
const WIRING_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'GraphQLModule',
]);

/**
 * The service's logger: Nest's console format, without the wiring lines at the default level,
 * so a start shows what matters (migrations, the catalog, where GraphQL is served).
 */
export class ServiceLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    if (logLevel === 'log' && context && WIRING_CONTEXTS.has(context) && !this.isLevelEnabled('debug'))
      return;
    super.printMessages(messages, context, logLevel, stream, errorStack);
  }
}
