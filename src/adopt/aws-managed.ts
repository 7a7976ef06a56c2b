// Objects in an account that AWS (or another AWS service) made and manages, which bkp must not adopt:
// an apply would try to change or delete what the owning service recreates or refuses to change.
// ⚠ These rules come from the names AWS uses, not from an API flag (there is none):
// - `aws/…` vaults and plans are made by services (EFS automatic backups: aws/efs/automatic-backup-vault
//   and its plan); such names are not even valid for CreateBackupVault / CreateBackupPlan.
// - `aws_controltower_*` / `aws-controltower-*` objects belong to AWS Control Tower, whose controls
//   deny changing them outside Control Tower.
// The rules of one kind are the kind's own (`adoption.generate.awsManaged`): the `Default` vault
// AWS Backup makes on first use; the plans an AWS Organizations backup policy made, whose ids start
// with `orgs/` ⚠, and their selections.
import type { Generation } from '../resources/adoption.js';
import type { AdoptedObject } from './model.js';

const CONTROL_TOWER = /^aws[_-]controltower[_-]/i;

/** Why `object` is left out, or undefined when it is bkp's to adopt. */
export function awsManagedReason(object: AdoptedObject, generation: Generation): string | undefined {
  const name = object.awsName;
  if (name.startsWith('aws/')) return 'made and managed by an AWS service (its name starts with aws/)';
  if (CONTROL_TOWER.test(name)) return 'managed by AWS Control Tower';
  return generation.awsManaged?.(object.id, name);
}
