// Where command results go: data on stdout, progress and diagnostics on stderr.
// Commands hand text produced by views (src/render/) to these writers; they never console.log.
// The writers escape control characters that come from data (io-escape.ts).

import { escapeControlCharacters } from './io-escape.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Stderr as is, no newline added: a status line that redraws itself (`\r…`) on a terminal. */
  status(text: string): void;
  /** Colour on stdout: TTY, no NO_COLOR, no -no-color. */
  color: boolean;
  /** Colour on stderr. */
  colorErr: boolean;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  stdinIsTty: boolean;
}

export function colorWanted(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/**
 * A write that fails is dropped, as is every later one on that stream, instead of crashing with a
 * stack trace; the command itself goes on, so an apply whose output is lost still finishes its
 * operations and writes its state. A reader that has gone (`bkp plan | head`: EPIPE) is normal;
 * any other failure (`bkp plan -json > /dev/full`: ENOSPC) lost output someone wanted, so bkp
 * says so on the other stream and exits with 1.
 */
function writerOf(stream: NodeJS.WriteStream, other: () => NodeJS.WriteStream | undefined): (text: string) => void {
  let failed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    failed = true;
    if (error.code === 'EPIPE') return;
    process.exitCode = 1;
    other()?.write(`Error: bkp could not write its output: ${error.message}\n`);
  });
  return (text) => {
    if (!failed) stream.write(text);
  };
}

let stdoutWriter: ((text: string) => void) | undefined;
let stderrWriter: ((text: string) => void) | undefined;

export function processIo(colorFlag?: boolean): Io {
  stdoutWriter ??= writerOf(process.stdout, () => process.stderr);
  stderrWriter ??= writerOf(process.stderr, () => undefined);
  const [toStdout, toStderr] = [stdoutWriter, stderrWriter];
  const withNewline = (text: string) => (text.endsWith('\n') || text === '' ? text : `${text}\n`);
  const color = colorWanted(process.stdout, colorFlag);
  const colorErr = colorWanted(process.stderr, colorFlag);
  const stdoutIsTty = process.stdout.isTTY === true;
  const stderrIsTty = process.stderr.isTTY === true;
  return {
    out: (text) => toStdout(withNewline(escapeControlCharacters(text, { color, redrawPrefix: stdoutIsTty }))),
    err: (text) => toStderr(withNewline(escapeControlCharacters(text, { color: colorErr }))),
    status: (text) => toStderr(escapeControlCharacters(text, { color: colorErr, statusLine: stderrIsTty })),
    color,
    colorErr,
    stdoutIsTty,
    stderrIsTty,
    stdinIsTty: process.stdin.isTTY === true,
  };
}
