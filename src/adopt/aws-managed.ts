// Objects in an account that AWS (or another AWS service) made and manages, which bkp must not adopt:
// an apply would try to change or delete what the owning service recreates or refuses to change.
// ⚠ These rules come from the names AWS uses, not from an API flag (there is none):
// - `aws/…` vaults and plans are made by services (EFS automatic backups: aws/efs/automatic-backup-vault
//   and its plan); such names are not even valid for CreateBackupVault / CreateBackupPlan.
// - the `Default` vault is made by AWS Backup on first use in the console and by services that back up
//   into it: teams rarely mean to own it; it is left out with a note saying how to adopt it.
// - `aws_controltower_*` / `aws-controltower-*` objects belong to AWS Control Tower, whose controls
//   deny changing them outside Control Tower.
// - plans an AWS Organizations backup policy made cannot be changed in the member account: their
//   ids start with `orgs/` ⚠.
import type { AdoptedObject } from './model.js';

const CONTROL_TOWER = /^aws[_-]controltower[_-]/i;

/** Why `object` is left out, or undefined when it is bkp's to adopt. */
export function awsManagedReason(object: AdoptedObject): string | undefined {
  const name = object.awsName;
  if (name.startsWith('aws/')) return 'made and managed by an AWS service (its name starts with aws/)';
  if (CONTROL_TOWER.test(name)) return 'managed by AWS Control Tower';
  if (object.kind === 'backup_plan' && object.id.startsWith('orgs/')) return 'made by an AWS Organizations backup policy; change the policy instead';
  if (object.kind === 'backup_selection' && object.id.startsWith('orgs/')) return 'belongs to a plan an AWS Organizations backup policy made';
  if (object.kind === 'backup_vault' && name === 'Default') {
    return 'the vault AWS Backup creates on first use; to manage it, add a backup_vault block with name = "Default" and import it';
  }
  return undefined;
}
