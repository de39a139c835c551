import { type LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { currentRequestContext } from './request-context';

/** One JSON line per event, with the request id when there is one; to stdout unless `destination` is given (tests read it). */
export function createRootLogger(level: string, destination?: DestinationStream): PinoLogger {
  return pino(
    {
      level,
      base: { service: 'practice-cms' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const context = currentRequestContext();
        return context ? { reqId: context.requestId } : {};
      },
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
    },
    destination,
  );
}

/** Routes Nest's own log calls (bootstrap, modules) into the same JSON stream. */
export class JsonNestLogger implements LoggerService {
  constructor(private readonly logger: PinoLogger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
