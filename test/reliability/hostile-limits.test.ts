// Issue 22's hostile inputs through bin/bkp.js, each one measured: named pipes and endless files
// where bkp reads, expressions that would run away, state files that lie. Each must end in exit 1
// with a one-line user error and no stack trace. The wall time and peak RSS of every run are
// reported as figures (the goal is under 5 s and 300 MB each; `npm run soak` prints them), never
// asserted: the machine running the tests may be busy.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BKP_BIN, tempDir } from '../support/cli.js';
import { newFigures, reportFigures, type ReliabilityFigures } from './support/figures.js';

const PROVIDER = 'provider "sandbox" {}\n';
/** bkp has no range(): a literal list of 0…99. */
const HUNDRED = `[${Array.from({ length: 100 }, (_, i) => i).join(', ')}]`;
const TIME = '/usr/bin/time';
const haveTime = spawnSync(TIME, ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;
const haveMkfifo = spawnSync('mkfifo', ['--version'], { stdio: 'ignore' }).status === 0;

interface Measured {
  code: number | null;
  stderr: string;
  wallMs: number;
  rssMb?: number;
}

/** Runs bin/bkp.js under /usr/bin/time (peak RSS) when the machine has it; kills it after 60 s. */
function measure(dir: string, args: string[]): Promise<Measured> {
  const command = haveTime ? TIME : process.execPath;
  const argv = haveTime ? ['-f', 'bkp-peak-rss-kb %M', process.execPath, BKP_BIN, ...args] : [BKP_BIN, ...args];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const rss = /bkp-peak-rss-kb (\d+)/.exec(stderr);
      resolve({
        code,
        stderr: stderr.replace(/bkp-peak-rss-kb \d+\n?/, ''),
        wallMs: Date.now() - started,
        ...(rss ? { rssMb: Math.round(Number(rss[1]) / 1024) } : {}),
      });
    });
  });
}

interface HostileCase {
  name: string;
  /** What the error must say (its first line): the refusal this input is about, not another one. */
  error: RegExp;
  needsFifo?: boolean;
  setUp(dir: string): Promise<void>;
  args: string[];
}

const fifo = (path: string) => {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed`);
};

const CASES: HostileCase[] = [
  { name: 'a configuration file that is a named pipe', error: /named pipe/, needsFifo: true, setUp: async (dir) => fifo(join(dir, 'x.bkp.hcl')), args: ['validate'] },
  { name: 'a configuration file linked to /dev/zero', error: /character device/, setUp: (dir) => symlink('/dev/zero', join(dir, 'zero.bkp.hcl')), args: ['validate'] },
  { name: 'file() of /dev/zero', error: /character device/, setUp: (dir) => writeFile(join(dir, 'main.bkp.hcl'), `${PROVIDER}locals {\n  z = file("/dev/zero")\n}\n`), args: ['validate'] },
  {
    name: 'file() of a named pipe', error: /named pipe/,
    needsFifo: true,
    setUp: async (dir) => {
      fifo(join(dir, 'pipe'));
      await writeFile(join(dir, 'main.bkp.hcl'), `${PROVIDER}locals {\n  z = file("pipe")\n}\n`);
    },
    args: ['validate'],
  },
  { name: '-var-file=/dev/zero', error: /character device/, setUp: (dir) => writeFile(join(dir, 'main.bkp.hcl'), PROVIDER), args: ['validate', '-var-file=/dev/zero'] },
  {
    name: '-var-file of a named pipe', error: /named pipe/,
    needsFifo: true,
    setUp: async (dir) => {
      fifo(join(dir, 'vars.bkpvars.hcl'));
      await writeFile(join(dir, 'main.bkp.hcl'), PROVIDER);
    },
    args: ['validate', '-var-file=vars.bkpvars.hcl'],
  },
  {
    name: 'a state file that is a named pipe', error: /named pipe/,
    needsFifo: true,
    setUp: async (dir) => {
      fifo(join(dir, 'bkp.state.json'));
      await writeFile(join(dir, 'main.bkp.hcl'), PROVIDER);
    },
    args: ['plan', '-refresh=false'],
  },
  {
    name: 'a plan file that is a named pipe', error: /named pipe/,
    needsFifo: true,
    setUp: async (dir) => {
      fifo(join(dir, 'saved.plan'));
      await writeFile(join(dir, 'main.bkp.hcl'), PROVIDER);
    },
    args: ['show', 'saved.plan'],
  },
  {
    name: 'a replace() pattern that backtracks', error: /pattern|backtrack|regular expression/i,
    setUp: (dir) => writeFile(join(dir, 'main.bkp.hcl'), `${PROVIDER}locals {\n  r = replace("${'a'.repeat(40)}!", "/(a+)+$/", "")\n}\n`),
    args: ['validate'],
  },
  {
    name: 'five nested for expressions over 100 items', error: /limit/i,
    setUp: (dir) =>
      writeFile(
        join(dir, 'main.bkp.hcl'),
        `${PROVIDER}locals {\n  n = ${HUNDRED}\n  x = [for a in local.n : [for b in local.n : [for c in local.n : [for d in local.n : [for e in local.n : a + b + c + d + e]]]]]\n}\n`,
      ),
    args: ['validate'],
  },
  {
    name: 'for_each over a million keys', error: /limit|for_each/i,
    setUp: (dir) =>
      writeFile(
        join(dir, 'main.bkp.hcl'),
        `${PROVIDER}locals {\n  n = ${HUNDRED}\n  keys = flatten([for a in local.n : [for b in local.n : [for c in local.n : "\${a}-\${b}-\${c}"]]])\n}\n` +
          `backup_vault "v" {\n  for_each = toset(local.keys)\n  name     = "v-\${each.key}"\n}\n`,
      ),
    args: ['validate'],
  },
  {
    name: '40 doubling locals', error: /limit/i,
    setUp: (dir) => {
      const locals = ['  l0 = "ab"', ...Array.from({ length: 40 }, (_, i) => `  l${i + 1} = "\${local.l${i}}\${local.l${i}}"`)];
      return writeFile(join(dir, 'main.bkp.hcl'), `${PROVIDER}locals {\n${locals.join('\n')}\n}\n`);
    },
    args: ['validate'],
  },
  {
    name: 'invalid UTF-8 in a configuration file', error: /UTF-8/,
    setUp: (dir) => writeFile(join(dir, 'main.bkp.hcl'), Buffer.concat([Buffer.from(`${PROVIDER}locals {\n  s = "`), Buffer.from([0xc3, 0x28]), Buffer.from('"\n}\n')])),
    args: ['validate'],
  },
  {
    name: 'a state with __proto__ as an attribute name', error: /__proto__/,
    setUp: async (dir) => {
      await writeFile(join(dir, 'main.bkp.hcl'), `${PROVIDER}backup_vault "v" {\n  name = "vault"\n}\n`);
      await writeFile(
        join(dir, 'bkp.state.json'),
        '{"format_version":1,"serial":1,"lineage":"00000000-0000-4000-8000-000000000000","bkp_version":"0.1.0","jobs":[],"resources":[{"address":"backup_vault.v","kind":"backup_vault","name":"v","provider":"sandbox","id":"vault","attributes":{"name":"vault","__proto__":{"x":1}},"dependencies":[]}]}\n',
      );
    },
    args: ['plan', '-refresh=false'],
  },
];

describe('reliability: hostile inputs, each measured', function () {
  this.timeout(900_000);
  const figures = newFigures();
  let slowestMs = 0;
  let peakRssMb = 0;

  after(() => reportFigures('hostile-limits', { ...figures, slowestMs, peakRssMb } as ReliabilityFigures));

  for (const hostile of CASES) {
    it(`${hostile.name}: exit 1, one-line user error, no stack trace`, async function () {
      if (hostile.needsFifo && !haveMkfifo) {
        process.stdout.write('skipped: mkfifo is not available\n');
        this.skip();
      }
      const { dir, cleanup } = await tempDir('bkp-hostile-limits-');
      try {
        await mkdir(dir, { recursive: true });
        await hostile.setUp(dir);
        const run = await measure(dir, hostile.args);
        figures.fuzzInputs++;
        slowestMs = Math.max(slowestMs, run.wallMs);
        peakRssMb = Math.max(peakRssMb, run.rssMb ?? 0);
        process.stdout.write(`      ${hostile.name}: ${run.wallMs} ms${run.rssMb !== undefined ? `, ${run.rssMb} MB peak RSS` : ''}\n`);
        expect(run.code, run.stderr).to.equal(1);
        expect(run.stderr, run.stderr).to.match(/^Error: \S/);
        expect(run.stderr, run.stderr).to.match(hostile.error);
        expect(run.stderr).to.not.match(/\n\s+at \S+ \(/);
        expect(run.stderr).to.not.include('This is a bug');
      } finally {
        await cleanup();
      }
    });
  }
});
