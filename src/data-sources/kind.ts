// The contract of a data source kind: pure validation of its arguments, and a read that asks AWS
// (through the SDK clients it is handed) for the object the arguments name. A kind is one folder
// exporting one DataSourceKind, listed once in registry.ts; its arguments and attributes are
// described by schemas/config/data_<kind>.schema.json.
import type { BackupClient } from '@aws-sdk/client-backup';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { STSClient } from '@aws-sdk/client-sts';
import type { ObjectValue } from '../core/values.js';
import type { Problem } from '../resources/rules/problem.js';

/** What a read may use: the clients of the data block's provider, built on first use. */
export interface DataReadContext {
  /** The provider's region. */
  region: string;
  backup(): Promise<BackupClient>;
  sts(): Promise<STSClient>;
  kms(): Promise<KMSClient>;
  iam(): Promise<IAMClient>;
  organizations(): Promise<OrganizationsClient>;
}

export interface DataSourceKind {
  /** `backup_vault`: the first label of `data "backup_vault" "NAME"`. */
  name: string;
  /** The AWS operations a read calls (documentation and tests). */
  operations: readonly string[];
  /** Problems of the arguments the schema cannot express (unknown values are skipped). */
  validate?(attributes: ObjectValue): Problem[];
  /** The attributes of the object the (known) arguments name; throws DataObjectMissing when there is none. */
  read(args: ObjectValue, context: DataReadContext): Promise<ObjectValue>;
}

/** The object a data block names does not exist: reported at the argument that named it. */
export class DataObjectMissing extends Error {
  override readonly name = 'DataObjectMissing';
  constructor(
    message: string,
    /** JSON Pointer of the argument that named the object (`/name`). */
    readonly argument: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Tags as a map value (an SDK tag map may hold undefined values). */
export function tagMap(tags: Record<string, string | undefined> | undefined): ObjectValue {
  const out: ObjectValue = {};
  for (const [key, value] of Object.entries(tags ?? {})) if (value !== undefined) out[key] = value;
  return out;
}
