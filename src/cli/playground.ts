/**
 * npm run playground: the bot and the Microsoft 365 Agents Playground together,
 * so anyone can chat with LSCP Assistant in a browser with no Azure account.
 *
 * The playground is Microsoft's local Teams-like web client: it renders
 * Adaptive Cards as Teams does and plays the part of the Bot Framework service
 * on this machine (see .m365agentsplayground.yml for its mock users, chats and
 * team). Both processes listen on 127.0.0.1 only, the playground's telemetry is
 * off and it opens no browser by itself; Ctrl+C stops both.
 *
 *   npm run playground                      bot on 3978, playground on 56150 (or free ports)
 *   npm run playground -- --bot-port 4000 --port 56200
 *
 * The helpers below are shared with the end-to-end test (tests/e2e/run.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { isObjectId } from '../facilitators/roles.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PLAYGROUND_CONFIG = path.join(PROJECT_ROOT, '.m365agentsplayground.yml');
export const LOOPBACK = '127.0.0.1';

/**
 * The playground's server calls listen(port) with no host, i.e. on every
 * interface. This preload, run inside the playground's process, makes any
 * listen without a host bind to loopback instead.
 */
const LOOPBACK_ONLY_PRELOAD = `data:text/javascript,${encodeURIComponent(`
import net from 'node:net';
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^[0-9]+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, '${LOOPBACK}');
  } else if (first && typeof first === 'object' && !('path' in first) && !('fd' in first) && !('handle' in first) && !('_handle' in first) && first.host === undefined) {
    args[0] = { ...first, host: '${LOOPBACK}' };
  } else if (args.length === 0 || typeof first === 'function') {
    args.unshift(0, '${LOOPBACK}');
  }
  return listen.apply(this, args);
};
`)}`;

/** The playground user's Azure AD object id, so the bot can name them a facilitator (FACILITATOR_IDS). */
export function playgroundUserObjectId(configPath = PLAYGROUND_CONFIG): string {
  const config = z.object({ currentUser: z.object({ aadObjectId: z.string().refine(isObjectId, 'must be a GUID') }) }).safeParse(parse(readFileSync(configPath, 'utf8')));
  if (!config.success) throw new Error(`${configPath}: currentUser.aadObjectId ${config.error.issues[0]?.message ?? 'is missing'}`);
  return config.data.currentUser.aadObjectId;
}

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has gone. */
  readonly exited: Promise<number | string>;
  /** The last lines it printed, for error messages. */
  tail(): string;
  hasExited(): boolean;
}

export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Copy each output line to the console with a "[name] " prefix. */
  echo?: boolean;
  /** Also append all output to this file. */
  logFile?: string;
}

/** Start a process and keep hold of its own pid (never a shell or npm wrapper's). */
export function startChild(name: string, command: string, args: string[], options: StartOptions = {}): Child {
  const proc = spawn(command, args, { cwd: options.cwd ?? PROJECT_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.pid === undefined) throw new Error(`Could not start ${name} (${command})`);
  const lines: string[] = [];
  let log: WriteStream | undefined;
  if (options.logFile) {
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    log = createWriteStream(options.logFile, { flags: 'a' });
  }
  let exitedFlag = false;
  const exited = new Promise<number | string>((resolve) => {
    proc.once('exit', (code, signal) => {
      exitedFlag = true;
      resolve(code ?? signal ?? 'unknown');
    });
    proc.once('error', (error) => {
      exitedFlag = true;
      lines.push(String(error));
      resolve('spawn-error');
    });
  });
  for (const stream of [proc.stdout, proc.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 40) lines.shift();
      log?.write(`${line}\n`);
      if (options.echo) console.log(`[${name}] ${line}`);
    });
  }
  void exited.then(() => log?.end());
  return {
    name,
    pid: proc.pid,
    process: proc,
    exited,
    tail: () => lines.join('\n'),
    hasExited: () => exitedFlag,
  };
}

/** SIGTERM by pid, then SIGKILL if it has not gone within `graceMs`. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  if (child.hasExited()) return;
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // gone in the meantime
    }
    await Promise.race([child.exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }
}

/** A port nobody is listening on at the moment (the kernel's pick when `preferred` is taken or 0). */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, LOOPBACK, () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : undefined;
        server.close(() => resolve(chosen));
      });
    });
  if (preferred > 0) {
    const port = await tryPort(preferred);
    if (port) return port;
  }
  const port = await tryPort(0);
  if (!port) throw new Error('Could not find a free port on 127.0.0.1');
  return port;
}

/** Poll `url` until it answers (any HTTP status), failing early if `child` exits. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.hasExited()) {
      throw new Error(`${child.name} stopped before ${url} answered (exit ${await child.exited}). Its last output:\n${child.tail()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${child.name} did not answer on ${url} within ${Math.round(timeoutMs / 1000)} s. Its last output:\n${child.tail()}`);
}

export interface BotOptions extends StartOptions {
  port: number;
  /** Extra settings for the bot (DATA_DIR, LOG_LEVEL, ...). */
  settings?: Record<string, string>;
}

/** The bot from source through tsx's loader: one node process, no build step. */
export function startBot(options: BotOptions): Child {
  const env = { ...(options.env ?? process.env), ...options.settings, PORT: String(options.port), HOST: LOOPBACK };
  // tsx's loader by its resolved URL, so the bot may run from any working directory.
  return startChild('bot', process.execPath, ['--import', import.meta.resolve('tsx'), path.join(PROJECT_ROOT, 'src', 'index.ts')], { ...options, env });
}

export interface PlaygroundOptions extends StartOptions {
  port: number;
  botEndpoint: string;
  configPath?: string;
  /** Where the playground writes its own debug log (it defaults to ./devTools/ in the working directory). */
  internalLogFile: string;
}

export function playgroundCli(): string {
  const cli = path.join(PROJECT_ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  if (!existsSync(cli)) throw new Error('The Microsoft 365 Agents Playground is not installed: run npm install (it is a dev dependency).');
  return cli;
}

/** Environment that keeps the playground quiet: no telemetry, no statsbeat, no browser of its own. */
export function playgroundEnv(base: NodeJS.ProcessEnv, options: { internalLogFile: string; configPath: string }): NodeJS.ProcessEnv {
  return {
    ...base,
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath,
    M365_AGENTS_PLAYGROUND_LOGFILE: options.internalLogFile,
  };
}

export function startPlayground(options: PlaygroundOptions): Child {
  const configPath = options.configPath ?? PLAYGROUND_CONFIG;
  mkdirSync(path.dirname(options.internalLogFile), { recursive: true });
  const args = [
    '--import',
    LOOPBACK_ONLY_PRELOAD,
    playgroundCli(),
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(options.port),
    '--disable-telemetry',
  ];
  const env = playgroundEnv(options.env ?? process.env, { internalLogFile: options.internalLogFile, configPath });
  return startChild('playground', process.execPath, args, { ...options, env });
}

function parseArgs(argv: string[]): { botPort: number; port: number } {
  const out = { botPort: 3978, port: 56150 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = Number(argv[i + 1]);
    if ((arg === '--bot-port' || arg === '--port') && Number.isInteger(value) && value > 0 && value < 65536) {
      if (arg === '--bot-port') out.botPort = value;
      else out.port = value;
      i++;
    } else if (arg === '--help' || arg === '-h') {
      console.log('Usage: npm run playground [-- --bot-port 3978 --port 56150]');
      process.exit(0);
    } else {
      console.error(`Unknown option: ${arg ?? ''}. Usage: npm run playground [-- --bot-port 3978 --port 56150]`);
      process.exit(2);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const wanted = parseArgs(process.argv.slice(2));
  const botPort = await freePort(wanted.botPort);
  const port = await freePort(wanted.port);
  if (botPort !== wanted.botPort) console.log(`Port ${wanted.botPort} is busy; the bot will use ${botPort}.`);
  if (port !== wanted.port) console.log(`Port ${wanted.port} is busy; the playground will use ${port}.`);
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data'));

  const children: Child[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(children.map((c) => stopChild(c)));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    // The playground speaks to the bot without tokens, so the bot runs in local mode whatever .env says.
    const localMode = { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: '' };
    // The playground's user is a facilitator (national picture, themes) unless FACILITATOR_IDS is set in the environment.
    const facilitators = { FACILITATOR_IDS: process.env.FACILITATOR_IDS || playgroundUserObjectId() };
    const bot = startBot({ port: botPort, echo: true, cwd: PROJECT_ROOT, settings: { ...localMode, ...facilitators } });
    children.push(bot);
    await waitForHttp(`http://${LOOPBACK}:${botPort}/healthz`, bot, 120_000);
    const botEndpoint = `http://${LOOPBACK}:${botPort}/api/messages`;
    const playground = startPlayground({
      port,
      botEndpoint,
      internalLogFile: path.join(dataDir, 'm365agentsplayground.log'),
      echo: false,
    });
    children.push(playground);
    await waitForHttp(`http://${LOOPBACK}:${port}/`, playground, 60_000);
    for (const child of children) {
      void child.exited.then((code) => {
        if (stopping) return;
        console.error(`The ${child.name} stopped (exit ${code}). Its last output:\n${child.tail()}`);
        void stopAll(1);
      });
    }
    console.log(
      [
        '',
        'Microsoft 365 Agents Playground is ready. Open this address in your browser:',
        '',
        `    http://${LOOPBACK}:${port}/`,
        '',
        `It talks to LSCP Assistant at ${botEndpoint} as the people, chats and team in .m365agentsplayground.yml.`,
        'In the group chat and the team channels, type @ and pick LSCP Assistant so the bot knows a message is for it.',
        'Both listen on 127.0.0.1 only; the playground sends no telemetry. Press Ctrl+C to stop both.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    await stopAll(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
