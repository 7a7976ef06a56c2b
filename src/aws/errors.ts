// AWS errors → bkp errors that name the resource and the fix.
import { ErrorCode, installationError, InternalError, UserError, type BkpError } from '../core/errors.js';

export interface AwsErrorShape {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

export function awsErrorName(error: unknown): string | undefined {
  return (error as AwsErrorShape | undefined)?.name;
}

export function isNotFound(error: unknown): boolean {
  const name = awsErrorName(error);
  return name === 'ResourceNotFoundException' || name === 'NotFoundException';
}

/** AWS Backup answers AccessDenied when the vault does not exist (or you may not see it). */
export function isVaultMissing(error: unknown): boolean {
  return isNotFound(error) || awsErrorName(error) === 'AccessDeniedException';
}

/**
 * A reply the SDK could not read as the service's: an endpoint that is not AWS, or an emulator that
 * lacks the operation (moto answers an HTML 404 page). Names the operation, endpoint and status.
 */
export class UnreadableReplyError extends Error {
  override readonly name = 'UnreadableReplyError';
  constructor(readonly operation: string, readonly endpoint: string, readonly status: number | undefined, readonly contentType: string | undefined) {
    const what = contentType ? ` (${contentType})` : '';
    super(`${endpoint} answered ${operation} with HTTP ${status ?? '?'}${what}, which is not an AWS reply: the endpoint does not implement ${operation}.`);
  }
}

/** The SDK's failure to parse a reply body (its message says "Deserialization error"). */
export function isUnreadableReply(error: unknown): boolean {
  return error instanceof Error && (error.name === 'SyntaxError' || /Deserialization error/.test(error.message));
}

const HINTS: Record<string, string> = {
  UnreadableReplyError:
    'The endpoint is not AWS, or an emulator (such as moto) that lacks this operation. Check the provider\'s endpoint, or leave out the resources the emulator cannot serve.',
  AccessDeniedException:
    'The object does not exist, or the credentials in use may not access it. Check the provider region and profile, and the IAM permissions for AWS Backup.',
  InvalidParameterValueException: 'AWS rejected a value; the message above names it. Fix the configuration and run again.',
  MissingParameterValueException: 'AWS expected a value the request lacked. This may be a bug in bkp if the configuration is complete.',
  InvalidRequestException: 'AWS refused the request in the object\'s current state; the message above says why.',
  AlreadyExistsException: 'An object with that name already exists in the account. Import it with `bkp import`, or choose another name.',
  LimitExceededException: 'An AWS Backup quota was reached (vaults, plans, selections per plan…). Request a quota increase or remove unused objects.',
  ThrottlingException: 'AWS throttled the calls even after retries. Run again, or lower -parallelism.',
  ServiceUnavailableException: 'AWS Backup was unavailable even after retries. Run again later.',
  CredentialsProviderError: 'No AWS credentials were found. Set a profile in the provider block or the usual AWS environment variables.',
  UnrecognizedClientException: 'The credentials were not recognised by AWS. Check the profile or access keys.',
  InvalidClientTokenId: 'The credentials were not recognised by AWS. Check the profile or access keys.',
  InvalidSignatureException: 'The secret access key does not match the access key ID. Check the profile or access keys.',
  ExpiredTokenException: 'The session token has expired. Get new temporary credentials (aws sso login, or assume the role again).',
};

/** AWS names an explicit deny of a resource-based policy (for AWS Backup, a vault's access policy) in its message. */
const EXPLICIT_DENY_HINT =
  'A resource-based policy denies this action: for AWS Backup, the access policy of the vault. Change or remove that policy (access_policy of the backup_vault, or DeleteBackupVaultAccessPolicy when it was set outside bkp), then run again.';

/** Network failures: the request may have reached AWS, but no answer came back. */
const NO_ANSWER_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
const NO_ANSWER_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/**
 * True when a call failed without any HTTP answer from AWS after the request may have been sent
 * ("socket hang up", a reset, a timeout): AWS may have done what was asked.
 */
export function failedWithoutAnswer(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as AwsErrorShape).$metadata?.httpStatusCode !== undefined) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && NO_ANSWER_CODES.has(code)) || NO_ANSWER_NAMES.has(error.name) || /socket hang up/i.test(error.message);
}

/**
 * A TypeError or ReferenceError is a mistake in code (bkp's, or the SDK's on a reply it did not
 * expect), whichever call it came from: neither the account nor the user can fix it. (A reply
 * that is not JSON is a SyntaxError, which isUnreadableReply tells apart: not counted here.)
 */
function isCodeMistake(error: unknown): error is Error {
  return error instanceof TypeError || error instanceof ReferenceError;
}

/**
 * Wraps the failure of `operation` on `address` (a call to AWS and what bkp did with its answer):
 * an SDK or network error becomes a user error with a hint; a mistake in code, an internal error,
 * which bkp reports as a bug with its stack instead of sending the user to an AWS message.
 */
export function awsCallError(error: unknown, operation: string, address: string): BkpError {
  const broken = installationError(error);
  if (broken) return broken;
  if (isCodeMistake(error)) return new InternalError(`${operation} ${address} failed: ${error.name}: ${error.message}`, error);
  const name = awsErrorName(error) ?? (error instanceof Error ? error.name : 'Error');
  const message = (error as AwsErrorShape | undefined)?.message ?? String(error);
  const code = name === 'AccessDeniedException' ? ErrorCode.AwsAccessDenied : isNotFound(error) ? ErrorCode.AwsNotFound : ErrorCode.AwsCall;
  if (failedWithoutAnswer(error)) {
    const creating = /^Creating\b/.test(operation);
    return new UserError(code, `${operation} ${address} failed: ${name}: ${message}. AWS sent no answer, so the call may have taken effect anyway${creating ? `: ${address} may have been created` : ''}.`, {
      hint: creating
        ? 'Run bkp again: the next plan or apply looks for the object (its creation carries a token derived from the state and the address) and adopts it instead of creating a second one. Do not create it by hand.'
        : 'Run bkp again: the next plan reads the account and shows what is left to do.',
      cause: error,
    });
  }
  return new UserError(code, `${operation} ${address} failed: ${name}: ${message}`, {
    hint: (name === 'AccessDeniedException' && /resource-based policy/.test(message) ? EXPLICIT_DENY_HINT : HINTS[name]) ?? 'See the AWS message above.',
    cause: error,
  });
}
