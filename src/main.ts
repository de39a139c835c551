import { createApp } from './bootstrap';
import { ConfigurationError, loadConfig } from './config/app-config';
import { DataDirInUseError } from './database/data-dir-lock';

async function main() {
  const config = loadConfig();
  const running = await createApp(config);
  await running.app.listen({ port: config.PORT, host: config.HOST });
  const loopbackOnly = ['127.0.0.1', 'localhost', '::1'].includes(config.HOST);
  running.logger.info(
    { host: config.HOST, port: config.PORT },
    `GraphQL API ready at http://${loopbackOnly ? 'localhost' : config.HOST}:${config.PORT}/graphql` +
      (loopbackOnly ? ' (this machine only: set HOST=0.0.0.0 to accept connections from others)' : ''),
  );
  const shutdown = async (signal: string) => {
    running.logger.info({ signal }, 'Shutting down');
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigurationError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error(`Failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
