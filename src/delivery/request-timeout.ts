import { type FastifyInstance } from 'fastify';
import { ErrorCode } from '../common/errors/app-error';
import { type AppConfig } from '../config/app-config';
import { refusalBody } from './refusal-body';

/**
 * Answers every request that has no response after REQUEST_TIMEOUT_MS with a GraphQL-shaped 503,
 * code TIMEOUT. The work behind it is not cancelled: it ends at the database's own timeouts, and
 * its late answer is dropped (Fastify logs "Reply was already sent").
 *
 * A timer of our own rather than Fastify's `handlerTimeout`: in Fastify 5.12 that timer is
 * cleared as soon as a request body has been read (fastify/fastify#6725), so it never fires for
 * a POST, and its error would reach Nest's exception layer as a 500.
 *
 * Outside production every response also says how long the server took (`Server-Timing: app;dur=…`)
 * and the CPU time the process spent meanwhile (`cpu;dur=…`, which a busy machine does not inflate),
 * so tests and operators can see, for example, that a refused query was refused in a few ms.
 */
export function registerRequestTimeout(fastify: FastifyInstance, config: AppConfig): void {
  const timeoutMs = config.REQUEST_TIMEOUT_MS;
  if (timeoutMs > 0) {
    const message = `The request did not finish within ${timeoutMs} ms; try again`;
    fastify.addHook('onRequest', (request, reply, done) => {
      const timer = setTimeout(() => {
        // A response already on its way (headers sent) is left to finish.
        if (reply.sent || reply.raw.headersSent) return;
        request.log.warn({ timeoutMs, url: request.url }, 'request timed out');
        const { type, body } = refusalBody(request.url, ErrorCode.TIMEOUT, message);
        void reply.code(503).header('content-type', type).header('cache-control', 'private, no-store').send(body);
      }, timeoutMs);
      // 'close' comes when the response is finished or the client went away.
      reply.raw.once('close', () => clearTimeout(timer));
      done();
    });
  }
  if (config.NODE_ENV !== 'production') {
    const cpuAtStart = new WeakMap<object, NodeJS.CpuUsage>();
    fastify.addHook('onRequest', (request, _reply, done) => {
      cpuAtStart.set(request, process.cpuUsage());
      done();
    });
    fastify.addHook('onSend', async (request, reply) => {
      const cpu = process.cpuUsage(cpuAtStart.get(request));
      reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}, cpu;dur=${((cpu.user + cpu.system) / 1000).toFixed(1)}`);
    });
  }
}
