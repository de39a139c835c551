import { createApp } from './bootstrap';
import { ConfigurationError, loadConfig } from './config/app-config';

async function main() {
  const config = loadConfig();
  const running = await createApp(config);
  await running.app.listen({ port: config.PORT, host: config.HOST });
  running.logger.info({ port: config.PORT }, `GraphQL API ready at http://localhost:${config.PORT}/graphql`);
  const shutdown = async (signal: string) => {
    running.logger.info({ signal }, 'Shutting down');
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
  } else {
    console.error(`Failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
