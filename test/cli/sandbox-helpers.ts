// Runs `bkp sandbox …` in-process: the real yargs command module with a captured Io, in a
// temporary directory. Only the sandbox command is registered, so these tests do not depend on
// the other commands.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { BkpError, ErrorCode, UserError } from '../../src/core/errors.js';
import { normalizeArgv } from '../../src/cli/argv.js';
import { sandboxCommand } from '../../src/cli/commands/sandbox.js';
import type { Io } from '../../src/cli/io.js';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The user error the command failed with, if any. */
  error?: BkpError;
}

export function captureIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
    status: (text) => void stderr.push(text),
    color: false,
    colorErr: false,
    stdoutIsTty: false,
    stderrIsTty: false,
    stdinIsTty: false,
  };
}

export async function bkpSandbox(dir: string, ...args: string[]): Promise<CliResult> {
  const io = captureIo();
  const previousExit = process.exitCode;
  process.exitCode = undefined;
  try {
    await yargs(normalizeArgv(['sandbox', ...args, `--chdir=${dir}`]))
      .option('chdir', { type: 'string', global: true })
      .option('color', { type: 'boolean', default: true, global: true })
      .strict()
      .demandCommand(1)
      .fail((message, error) => {
        if (error) throw error;
        throw new UserError(ErrorCode.Usage, message);
      })
      .command(sandboxCommand(io))
      .parseAsync();
    const exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
    return { stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n'), exitCode };
  } catch (error) {
    if (!isBkpError(error)) throw error;
    return { stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n'), exitCode: error.exitCode, error };
  } finally {
    process.exitCode = previousExit;
  }
}

// Under mocha, test files and the commands' lazily imported modules can get separate instances of
// src/core/errors.ts (CommonJS and ESM through tsx), so `instanceof` is unreliable here: check the shape.
function isBkpError(error: unknown): error is BkpError {
  return error instanceof Error && typeof (error as Partial<BkpError>).code === 'string' && (error as BkpError).code.startsWith('BKP_E');
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bkp-sandbox-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
