// bkp's entry point: argument parsing and the one top-level error handler.
import type { Argv } from 'yargs';
import { asAwsFailure } from '../app/aws-failures.js';
import { environmentWarnings } from '../app/environment.js';
import { BkpError, ErrorCode, installationError, InternalError, UserError } from '../core/errors.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { style } from '../render/style.js';
import { bkpVersion } from '../core/version.js';
import { normalizeArgv } from './argv.js';
import { commands } from './commands/index.js';
import { needsValue, refuseNonBooleanValues } from './commands/option-values.js';
import { processIo, type Io } from './io.js';

export async function main(rawArgv: readonly string[]): Promise<void> {
  const argv = normalizeArgv(rawArgv);
  const colorFlag = argv.includes('--no-color') ? false : undefined;
  const io = processIo(colorFlag);
  // The version alone needs no argument parser: yargs takes longer to load than the rest of it.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    io.out(bkpVersion());
    return;
  }
  // Node exits, with status 0, when nothing is left to wait for, even if the command is still
  // awaiting a promise that can never settle (a deadlock): say so and fail instead of passing silently.
  let finished = false;
  const stalled = () => {
    if (!finished) process.exitCode = reportError(new InternalError('bkp stopped before the command finished: it was waiting for work that can never complete (a deadlock).'), io);
  };
  process.once('beforeExit', stalled);
  const s = style(io.colorErr);
  for (const warning of environmentWarnings()) io.err(`${s.bold(s.yellow('Warning: '))}${warning}\n`);
  try {
    await (await buildParser(argv, io)).parseAsync();
  } catch (error) {
    process.exitCode = reportError(error, io);
  } finally {
    finished = true;
    process.off('beforeExit', stalled);
  }
}

export async function buildParser(argv: string[], io: Io): Promise<Argv> {
  refuseNonBooleanValues(argv);
  const { default: yargs } = await import('yargs');
  let parser = yargs(argv)
    .scriptName('bkp')
    .usage('Usage: bkp [global options] <command> [options]\n\nBackup policy as code for AWS Backup.')
    .option('chdir', {
      type: 'string',
      ...needsValue('-chdir', 'the directory to switch to, such as -chdir=envs/prod'),
      describe: 'Switch to this directory before doing anything (Terraform: -chdir=DIR)',
      global: true,
    })
    .option('color', {
      type: 'boolean',
      default: true,
      describe: 'Colour output (-no-color or NO_COLOR to turn off)',
      global: true,
    })
    .version('version', 'Show the bkp version', bkpVersion())
    .help('help')
    .alias('help', 'h')
    .strict()
    .demandCommand(1, 'Name a command: bkp --help lists them.')
    .recommendCommands()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // yargs hands its own parse errors ("Not enough arguments following: var-file", for an
      // option given without its value) over as an Error named YError; anything else was thrown
      // by a command and keeps its own nature (a user error, or a bug to report).
      if (error && error.name !== 'YError') throw error;
      throw new UserError(ErrorCode.Usage, message, { hint: 'Run `bkp --help` for usage.' });
    });
  for (const command of commands(io)) parser = parser.command(command);
  // `bkp completion` prints a bash/zsh script; the script asks bkp (--get-yargs-completions) for candidates.
  return parser.completion('completion', 'Print the shell completion script (bkp completion >> ~/.bashrc)');
}

/** Prints an error the way its source deserves and returns the exit code. */
export function reportError(thrown: unknown, io: Io): number {
  const s = style(io.colorErr);
  const error = installationError(thrown) ?? asAwsFailure(thrown) ?? thrown;
  if (error instanceof BkpError && error.source === 'user') {
    if (error.diagnostics.length > 0) {
      io.err(renderDiagnostics(error.diagnostics, error.sources, io.colorErr));
    } else {
      io.err(`${s.bold(s.red('Error: '))}${s.bold(error.message)}`);
      if (error.hint) io.err(`\n${error.hint}`);
    }
    return error.exitCode;
  }
  const internal = error instanceof InternalError ? error : new InternalError(describe(error), error);
  const stack = internal.cause instanceof Error ? internal.cause.stack : internal.stack;
  io.err(
    `${s.bold(s.red('Error: '))}${s.bold(internal.message)}\n\n` +
      `This is a bug in bkp ${bkpVersion()}. Please report it with the output below.\n\n${stack ?? ''}`,
  );
  return 1;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
