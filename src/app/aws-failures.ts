// Errors that reach the top of a command unexplained but are not bkp's own failures.
import { awsCallError, type AwsErrorShape } from '../aws/errors.js';
import { BkpError, UserError } from '../core/errors.js';

/** Network failures the SDK gives up on after its retries: the connection, not bkp, failed. */
const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * An AWS or network failure that reached the top without a layer naming what it was doing (a
 * refresh whose retries ran out, say) is still the account's or the network's doing, not a bug:
 * report it as a user error, which the user can retry.
 */
export function asAwsFailure(error: unknown): BkpError | undefined {
  if (!(error instanceof Error) || error instanceof BkpError) return undefined;
  const fromAws = typeof (error as AwsErrorShape).$metadata === 'object';
  const code = (error as NodeJS.ErrnoException).code;
  const fromNetwork = code !== undefined && NETWORK_ERROR_CODES.has(code);
  if (!fromAws && !fromNetwork) return undefined;
  const wrapped = awsCallError(error, 'Talking to', 'AWS');
  if (!fromNetwork) return wrapped;
  return new UserError(wrapped.code, `Talking to AWS failed: the connection broke (${code}) even after retries.`, {
    cause: error,
    hint: 'Nothing was lost: the state holds every operation that completed. Check the network or endpoint, then run bkp again.',
  });
}
