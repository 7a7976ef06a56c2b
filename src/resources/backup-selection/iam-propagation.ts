// A role created moments ago (by Terraform, CloudFormation, a script just before `bkp apply`) is not
// yet visible to AWS Backup everywhere: CreateBackupSelection then fails with
// InvalidParameterValueException "IAM Role … cannot be assumed by AWS Backup" or "… is not
// authorized to call tag:GetResources". These clear within seconds to a couple of minutes, so the
// call is retried for up to two minutes, as terraform-provider-aws does.

export interface PropagationRetry {
  /** How long to keep retrying, from the first failure. */
  timeoutMs: number;
  /** The first wait; each next one doubles, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const IAM_PROPAGATION_RETRY: PropagationRetry = { timeoutMs: 120_000, firstDelayMs: 2_000, maxDelayMs: 15_000 };

/** True for the errors AWS Backup answers while an IAM role propagates. */
export function isIamPropagationError(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'InvalidParameterValueException') return false;
  return /cannot be assumed|is not authorized to call/.test(error.message);
}

/** Calls `create` until it succeeds, fails otherwise, or the role has had `timeoutMs` to propagate. */
export async function retryingIamPropagation<T>(create: () => Promise<T>, retry: PropagationRetry = IAM_PROPAGATION_RETRY): Promise<T> {
  const started = Date.now();
  let delay = retry.firstDelayMs;
  for (;;) {
    try {
      return await create();
    } catch (error) {
      if (!isIamPropagationError(error) || Date.now() - started + delay > retry.timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, retry.maxDelayMs);
    }
  }
}
