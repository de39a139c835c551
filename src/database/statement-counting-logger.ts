import { type Logger as PinoLogger } from 'pino';
import { AbstractLogger, type LogLevel, type LogMessage, type QueryRunner } from 'typeorm';
import { currentRequestContext } from '../common/request-context';

/**
 * Counts the SQL statements each request runs (exposed for tests and the benchmark) and sends
 * TypeORM's errors to the JSON log. Query text is logged only at debug level.
 */
export class StatementCountingLogger extends AbstractLogger {
  constructor(private readonly logger: PinoLogger) {
    super(['query', 'error', 'warn']);
  }

  logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner) {
    const context = currentRequestContext();
    if (context) context.sqlStatements += 1;
    if (this.logger.isLevelEnabled('debug')) super.logQuery(query, parameters, queryRunner);
  }

  protected writeLog(level: LogLevel, logMessage: LogMessage | LogMessage[]) {
    const messages = Array.isArray(logMessage) ? logMessage : [logMessage];
    for (const message of messages) {
      if (level === 'query') this.logger.debug({ sql: message.message }, 'sql');
      else if (level === 'error') this.logger.error({ sql: message.message }, 'sql error');
      else if (level === 'warn') this.logger.warn({ detail: message.message }, 'typeorm');
    }
  }
}
