/**
 * Whether dist/ is the build of the current src/, so that `npm start` runs the
 * compiled bot without compiling it again on every start (issue 17).
 *
 * Plain JavaScript with no dependencies on purpose: it runs before dist/ exists
 * and where tsx is not installed.
 *
 *   node scripts/build-state.mjs            before `npm start`: builds once if dist/ is missing or older
 *                                           than src/, else returns at once; fails with a plain message if
 *                                           it would have to build and the compiler is not installed
 *   node scripts/build-state.mjs --prepare  `npm install` / `npm ci`: the same, but an install without dev
 *                                           dependencies (no compiler) only says so and succeeds
 *   node scripts/build-state.mjs --stamp    the last step of `npm run build`: dist/ now matches src/
 *
 * "Older" is by modification time against dist/.build-stamp, which only a
 * finished build writes (tsc's own .tsbuildinfo is not rewritten when nothing
 * changed, so it would look stale for ever). Knowledge files are not compared:
 * the bot checks its index against them at start-up and rebuilds it if they changed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const INPUTS = [join(ROOT, 'src'), join(ROOT, 'tsconfig.json')];

/** The newest modification time among the build's inputs. */
function newestInput() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of INPUTS) if (existsSync(path)) visit(path);
  return newest;
}

/** Why dist/ needs building, or undefined when it is current. */
export function staleReason() {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) return 'dist/ has not been built yet';
  if (!existsSync(STAMP)) return 'dist/ was built by an older build step';
  if (newestInput() > statSync(STAMP).mtimeMs) return 'src/ has changed since the last build';
  return undefined;
}

function build() {
  // Under npm, run the same npm; otherwise whichever npm is on the path.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'run', '-s', 'build']] : ['npm', ['run', '-s', 'build']];
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: !npm && process.platform === 'win32' });
  return result.status === 0;
}

const mode = process.argv[2];
if (mode === '--stamp') {
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
} else {
  const reason = staleReason();
  if (reason) {
    const compiler = existsSync(join(ROOT, 'node_modules', 'typescript'));
    if (!compiler && mode === '--prepare') {
      console.log(`Not building: ${reason}, and the TypeScript compiler is not installed (no dev dependencies). Build with "npm ci && npm run build" before deploying dist/.`);
    } else if (!compiler) {
      console.error(`LSCP Assistant cannot start: ${reason}, and the TypeScript compiler is not installed to build it. Run "npm ci" and then "npm run build" (or deploy a dist/ built elsewhere).`);
      process.exit(1);
    } else {
      console.log(`${reason}: building once (npm run build) …`);
      if (!build()) {
        console.error('The build failed (see above), so the bot was not started. Fix the error and run "npm run build".');
        process.exit(1);
      }
    }
  }
}
