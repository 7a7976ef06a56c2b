// The one error hierarchy of bkp. Every error that reaches the top-level handler is a BkpError
// (or is wrapped into an InternalError there). User errors never print a stack.
import type { Diagnostic } from './diagnostics.js';
import { fileErrorReason } from './file-errors.js';

export type ErrorSource = 'user' | 'internal';

/** Stable codes: scripts and docs may rely on them, so never renumber. */
export const ErrorCode = {
  Internal: 'BKP_E000',
  Usage: 'BKP_E001',
  /** A file of bkp's own build cannot be read (bin/load-bundle.cjs): build or install bkp again. */
  Installation: 'BKP_E002',
  ConfigInvalid: 'BKP_E100',
  ConfigNotFound: 'BKP_E101',
  FileExists: 'BKP_E102',
  VariableInvalid: 'BKP_E103',
  PolicyNotFound: 'BKP_E104',
  StateCorrupt: 'BKP_E200',
  StateLocked: 'BKP_E201',
  StateForeign: 'BKP_E202',
  StateWriteFailed: 'BKP_E203',
  /** Someone else wrote the shared state (S3) since this run read it; nothing was overwritten. */
  StateConflict: 'BKP_E204',
  PlanStale: 'BKP_E300',
  PlanInvalid: 'BKP_E301',
  PlanRefused: 'BKP_E302',
  AwsCall: 'BKP_E400',
  AwsAccessDenied: 'BKP_E401',
  AwsNotFound: 'BKP_E402',
  /** No credentials for an aws provider: found before planning, as Terraform's AWS provider does. */
  AwsCredentials: 'BKP_E403',
  Sandbox: 'BKP_E500',
  Interrupted: 'BKP_E900',
} as const;
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface BkpErrorOptions {
  source?: ErrorSource;
  cause?: unknown;
  /** How to fix it, shown after the message. */
  hint?: string;
  /** Positioned problems (configuration errors carry all of them). */
  diagnostics?: Diagnostic[];
  /** Process exit code; 1 unless stated. */
  exitCode?: number;
  /** File texts by diagnostic path, so the diagnostics can show excerpts. */
  sources?: ReadonlyMap<string, string>;
}

export class BkpError extends Error {
  readonly code: ErrorCodeValue;
  readonly source: ErrorSource;
  readonly hint?: string;
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number;
  readonly sources: ReadonlyMap<string, string>;

  constructor(code: ErrorCodeValue, message: string, options: BkpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.source = options.source ?? 'user';
    this.hint = options.hint;
    this.diagnostics = options.diagnostics ?? [];
    this.exitCode = options.exitCode ?? 1;
    this.sources = options.sources ?? new Map();
  }
}

/** A problem the user can fix: bad input, a refused operation, an account in the way. */
export class UserError extends BkpError {
  constructor(code: ErrorCodeValue, message: string, options: Omit<BkpErrorOptions, 'source'> = {}) {
    super(code, message, { ...options, source: 'user' });
  }
}

/** Configuration problems: always carries the full list of diagnostics. */
export class ConfigError extends UserError {
  constructor(diagnostics: Diagnostic[], sources: ReadonlyMap<string, string>, message = 'The configuration is invalid.') {
    super(ErrorCode.ConfigInvalid, message, { diagnostics, sources });
  }
}

/** A bug in bkp. Printed with its stack and a request to report it. */
export class InternalError extends BkpError {
  constructor(message: string, cause?: unknown) {
    super(ErrorCode.Internal, message, { source: 'internal', cause });
  }
}

/**
 * bin/load-bundle.cjs throws an IncompleteInstallationError (an Error of that name) when a bundle
 * of bkp's own build cannot be read: a user error, fixed by building bkp again, not a bug.
 * Recognised by name: the launcher is outside the bundle and cannot share this hierarchy.
 */
export function installationError(error: unknown): UserError | undefined {
  if (!(error instanceof Error) || error.name !== 'IncompleteInstallationError') return undefined;
  return new UserError(ErrorCode.Installation, error.message, { hint: INSTALLATION_HINT, cause: error });
}

/** How to mend an incomplete installation (bin/load-bundle.cjs says the same). */
export const INSTALLATION_HINT = 'Build bkp again: run `npm run build` in its folder (`npm install` and `npm ci` run it too), or install bkp again.';

export function isBkpError(e: unknown): e is BkpError {
  return e instanceof BkpError;
}

/**
 * Writing an output file the user named (`-out=FILE`) failed: a user error naming the file and the
 * reason when the path is at fault; anything else is returned unchanged.
 */
export function outputFileError(error: unknown, path: string, what: string): unknown {
  const reason = fileErrorReason(error, 'write');
  if (reason === undefined) return error;
  return new UserError(ErrorCode.Usage, `Cannot write ${what} to ${path}: ${reason}.`, {
    hint: 'Check that the folder exists and can be written, or name another file with -out.',
    cause: error,
  });
}
