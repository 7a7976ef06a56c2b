// recovery_point_encrypted: vaults encrypt recovery points with a customer managed KMS key. AWS
// always encrypts, with an AWS managed key when kms_key_arn is not set; the company's requirement
// is a key it controls (and can revoke or share for cross-account copies).
import type { ControlContext, ControlOutcome, RawFinding } from '../context.js';

export function evaluateEncryption(ctx: ControlContext): ControlOutcome {
  const findings: RawFinding[] = ctx.facts.vaults
    .filter((v) => v.kmsKeyArn === undefined && !v.resource.ranges.has('/kms_key_arn'))
    .map((v) => ({
      resource: v.resource.address,
      resourceType: v.resource.kind,
      message: `${v.resource.address} sets no kms_key_arn, so its recovery points are encrypted with ${v.airGapped ? 'a key AWS owns' : 'the AWS managed key'} rather than a customer managed KMS key. Set kms_key_arn = "arn:aws:kms:REGION:ACCOUNT:key/…" (this replaces the vault: create a new vault and move the plans to it).`,
      range: v.resource.range,
    }));
  return { evaluated: ctx.facts.vaults.map((v) => v.resource.address), findings };
}
