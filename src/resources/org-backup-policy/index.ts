// The org_backup_policy kind: everything the rest of bkp knows of it.
import { checkNamesFree, nameAttribute, optionalArn, type NameSpace } from '../free-names.js';
import type { ResourceKind } from '../kind.js';
import { organizationPolicyEffects } from './effects.js';
import { listPolicies, orgBackupPolicyHandler } from './handler.js';
import { orgBackupPolicyModel } from './model.js';
import { validateOrgBackupPolicy } from './validate.js';

/** Backup policy names: one set per organization; a taken one is imported by the policy's id. */
const policyNames: NameSpace = {
  noun: 'backup policy',
  scope: 'organization',
  refusal: 'DuplicatePolicyException',
  kinds: new Set(['org_backup_policy']),
  nameOf: nameAttribute,
  async taken(ctx) {
    const listing = await listPolicies(ctx, await ctx.organizations());
    return new Map([...listing.values()].filter((p) => p.Name !== undefined).map((p) => [p.Name!, { importId: p.Id!, ...optionalArn(p.Arn) }]));
  },
};

export const orgBackupPolicy: ResourceKind = {
  name: 'org_backup_policy',
  model: orgBackupPolicyModel,
  validate: validateOrgBackupPolicy,
  handler: orgBackupPolicyHandler,
  importId: 'the policy id (p-…)',
  adoption: { file: 'organizations.bkp.hcl' },
  planEffects: organizationPolicyEffects,
  uniqueNames: policyNames,
  checkPlanned: checkNamesFree(policyNames),
};
