// data "kms_key": an existing KMS key by alias (`alias/aws/backup`), key id, key ARN or alias ARN
// (KMS DescribeKey, which resolves all four).
import type { ObjectValue } from '../../core/values.js';
import { awsErrorName } from '../../aws/errors.js';
import { error, knownString, type Problem } from '../../resources/rules/problem.js';
import { DataObjectMissing, type DataSourceKind } from '../kind.js';

/** What DescribeKey accepts: an alias name, a key id (UUID or multi-Region mrk-…), or an ARN of either. */
const KEY_REFERENCE = /^(alias\/[a-zA-Z0-9/_-]+|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+|[a-zA-Z0-9-]+)$/;

export const kmsKeyData: DataSourceKind = {
  name: 'kms_key',
  operations: ['kms:DescribeKey'],
  validate(attributes): Problem[] {
    const keyId = knownString(attributes.key_id);
    if (keyId === undefined || KEY_REFERENCE.test(keyId)) return [];
    return [
      error(
        '/key_id',
        'Invalid KMS key reference',
        `"${keyId}" is not an alias, key id or ARN. Write an alias with its prefix (alias/aws/backup), a key id (1234abcd-12ab-34cd-56ef-1234567890ab) or a key or alias ARN.`,
      ),
    ];
  },
  async read(args, context): Promise<ObjectValue> {
    const keyId = args.key_id as string;
    const { DescribeKeyCommand } = await import('../../aws/sdk/client-kms.js');
    const kms = await context.kms();
    const reply = await kms.send(new DescribeKeyCommand({ KeyId: keyId })).catch((e: unknown) => {
      if (awsErrorName(e) !== 'NotFoundException') throw e;
      throw new DataObjectMissing(`There is no KMS key "${keyId}" in ${context.region}.`, '/key_id', 'Check the alias or key id (aliases start with alias/) and the provider (region and account) of this data block.');
    });
    const key = reply.KeyMetadata;
    return {
      key_id: keyId,
      arn: key?.Arn ?? '',
      id: key?.KeyId ?? '',
      key_manager: key?.KeyManager ?? '',
      key_state: key?.KeyState ?? '',
      enabled: key?.Enabled ?? false,
      description: key?.Description ?? '',
    };
  },
};
