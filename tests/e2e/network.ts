/**
 * Keeping the end-to-end run on loopback.
 *
 * Preferred: as root with unshare and ip available, the whole run re-executes
 * itself in a fresh network namespace whose only interface is lo, so nothing
 * (bot, playground, Chromium) can reach another machine whatever it tries.
 * It gets its own PID namespace as well: when the run ends, however it ends,
 * the kernel stops every process it started.
 * Otherwise Chromium gets flags that keep it off the network, and the page
 * itself refuses any request that is not for 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';

export const NETNS_ENV = 'LSCP_E2E_IN_NETNS';

export type NetworkMode = 'netns' | 'flags';

/** The flags from the issue: no GPU, no QUIC, no first-run, sync, updates or background networking. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium still calls its update service and the page asks a CDN for fonts: send anything
  // that is not loopback to a closed port, and resolve no names but loopback ones.
  '--proxy-server=http://127.0.0.1:9',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
  '--no-default-browser-check',
  '--password-store=basic',
];

/** New network and PID namespaces (with their own /proc); unshare's child is killed if unshare dies. */
const UNSHARE = ['--net', '--pid', '--fork', '--kill-child', '--mount-proc'];

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Why the run cannot use a network namespace, or undefined when it can. */
export function netnsUnavailable(): string | undefined {
  if (process.env.E2E_NETNS === '0') return 'E2E_NETNS=0 was set';
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not running as root';
  if (!has('unshare') || !has('ip')) return 'unshare or ip is not installed';
  const probe = spawnSync('unshare', [...UNSHARE, 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore', timeout: 10_000 });
  if (probe.status !== 0) return `unshare ${UNSHARE.join(' ')} is not permitted here`;
  return undefined;
}

/** True inside the namespace this module created. */
export function inNetns(): boolean {
  return process.env[NETNS_ENV] === '1';
}

/** Interfaces other than loopback that are up here (must be none in netns mode). */
export function nonLoopbackInterfaces(): string[] {
  return Object.entries(networkInterfaces())
    .filter(([, addresses]) => (addresses ?? []).some((a) => !a.internal))
    .map(([name]) => name);
}

/**
 * Run this same script again inside `unshare --net --pid` (after bringing lo up) and
 * exit with its code. Signals are passed on to the inner process by its pid.
 */
export async function reexecInNetns(): Promise<never> {
  const args = [...UNSHARE, '--', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, ...process.execArgv, ...process.argv.slice(1)];
  const child = spawn('unshare', args, { stdio: 'inherit', env: { ...process.env, [NETNS_ENV]: '1' } });
  const forward = (signal: NodeJS.Signals) => {
    if (child.pid !== undefined) {
      try {
        process.kill(child.pid, signal);
      } catch {
        // already gone
      }
    }
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  const code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 130 : 1))));
  process.exit(code);
}
