// data "caller_identity": who bkp calls AWS as (STS GetCallerIdentity, which needs no permission).
import type { ObjectValue } from '../../core/values.js';
import type { DataSourceKind } from '../kind.js';

export const callerIdentityData: DataSourceKind = {
  name: 'caller_identity',
  operations: ['sts:GetCallerIdentity'],
  async read(_args, context): Promise<ObjectValue> {
    const { GetCallerIdentityCommand } = await import('../../aws/sdk/client-sts.js');
    const identity = await (await context.sts()).send(new GetCallerIdentityCommand({}));
    return { account_id: identity.Account ?? '', arn: identity.Arn ?? '', user_id: identity.UserId ?? '' };
  },
};
