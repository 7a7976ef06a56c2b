// data "iam_role": an existing IAM role by name (IAM GetRole). IAM is global: the provider's region
// does not matter, its account does.
import type { ObjectValue } from '../../core/values.js';
import { awsErrorName } from '../../aws/errors.js';
import { error, knownString, type Problem } from '../../resources/rules/problem.js';
import { DataObjectMissing, tagMap, type DataSourceKind } from '../kind.js';

export const iamRoleData: DataSourceKind = {
  name: 'iam_role',
  operations: ['iam:GetRole'],
  validate(attributes): Problem[] {
    const name = knownString(attributes.name);
    if (name === undefined || !name.startsWith('arn:')) return [];
    return [error('/name', 'Invalid role name', `name takes the role's name, not its ARN: write name = "${name.split('/').pop()!}".`)];
  },
  async read(args, context): Promise<ObjectValue> {
    const name = args.name as string;
    const { GetRoleCommand } = await import('../../aws/sdk/client-iam.js');
    const iam = await context.iam();
    const reply = await iam.send(new GetRoleCommand({ RoleName: name })).catch((e: unknown) => {
      if (awsErrorName(e) !== 'NoSuchEntityException') throw e;
      throw new DataObjectMissing(`There is no IAM role named "${name}" in this account.`, '/name', 'Check the role name (without its path, like AWSBackupDefaultServiceRole) and the provider (account) of this data block.');
    });
    const role = reply.Role;
    return {
      name,
      arn: role?.Arn ?? '',
      path: role?.Path ?? '/',
      unique_id: role?.RoleId ?? '',
      description: role?.Description ?? '',
      tags: tagMap(Object.fromEntries((role?.Tags ?? []).map((t) => [t.Key ?? '', t.Value]))),
    };
  },
};
