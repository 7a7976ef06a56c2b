// Shell completion (yargs' .completion()): `bkp completion` prints the bash/zsh script, and the
// script's callback, `bkp --get-yargs-completions …`, lists commands and a command's flags.
import { expect } from 'chai';
import { buildParser } from '../../src/cli/main.js';
import { processIo } from '../../src/cli/io.js';

/** What bkp printed on stdout for `argv` (yargs writes with console.log; it would exit the process after completing). */
async function stdoutOf(argv: string[]): Promise<string> {
  let out = '';
  const originalLog = console.log;
  const originalWrite = process.stdout.write.bind(process.stdout);
  console.log = (...items: unknown[]) => void (out += `${items.join(' ')}\n`);
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  try {
    await (await buildParser(argv, processIo(false))).exitProcess(false).parseAsync();
  } finally {
    console.log = originalLog;
    process.stdout.write = originalWrite;
  }
  return out;
}

describe('bkp completion', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('prints a completion script that calls bkp back for candidates', async () => {
    const script = await stdoutOf(['completion']);
    expect(script).to.contain('###-begin-bkp-completions-###');
    expect(script).to.contain('bkp --get-yargs-completions');
    expect(script).to.contain('complete -o bashdefault -o default -F _bkp_yargs_completions bkp');
  });

  it('completes command names and the flags of a command', async () => {
    const commands = (await stdoutOf(['--get-yargs-completions', 'bkp', ''])).split('\n');
    expect(commands).to.include.members(['plan', 'apply', 'fmt', 'graph', 'completion']);
    const flags = (await stdoutOf(['--get-yargs-completions', 'bkp', 'fmt', '--'])).split('\n');
    expect(flags).to.include.members(['--check', '--diff', '--recursive']);
  });
});
