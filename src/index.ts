/**
 * The process entry point: read configuration, start the app, stop cleanly on a signal.
 */
import { startApp } from './app.js';
import { ConfigError, parseConfig, readEnvironment } from './config.js';
import { createLogger } from './logging.js';
import { StorageError } from './storage/index.js';

async function main() {
  let config;
  try {
    config = parseConfig(readEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.message.split('\n')) console.error(`Configuration error: ${line}`);
    console.error('See .env.example for every setting and what it expects.');
    process.exit(1);
  }

  const log = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));

  let app;
  try {
    app = await startApp(config, { log });
  } catch (error) {
    const known = error instanceof StorageError || (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(`LSCP Assistant could not start: ${known ? (error as Error).message : String(error)}`);
    if (!known) log.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }

  console.log(
    config.localMode
      ? `LSCP Assistant is running in local mode (no Azure account needed).\nPoint the Microsoft 365 Agents Playground or Bot Framework Emulator at ${app.url}/api/messages\nHealth: ${app.url}/healthz   Ready: ${app.url}/readyz   Stop: Ctrl+C`
      : `LSCP Assistant is running at ${app.url} for app ${config.auth.MicrosoftAppId}.`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing turns in flight');
    try {
      await app.stop();
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
