import { type LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { currentRequestContext } from './request-context';

/** The key Fastify binds the request id to in its per-request child loggers. */
const REQUEST_ID_KEY = 'reqId';

/** One JSON line per event (to stdout unless `destination` is given), with the request id when there is one. */
export function createRootLogger(level: string, destination?: DestinationStream): PinoLogger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'practice-cms' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin(_object, _level, logger) {
      const context = currentRequestContext();
      // Fastify's request loggers already carry the id as a binding: adding it again would print the key twice.
      if (!context || REQUEST_ID_KEY in logger.bindings()) return {};
      return { [REQUEST_ID_KEY]: context.requestId };
    },
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
  };
  return destination ? pino(options, destination) : pino(options);
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
