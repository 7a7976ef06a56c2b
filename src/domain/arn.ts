// Amazon Resource Names as AWS Backup reads them, `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`:
// their parts, the shapes of the ARNs a backup configuration names (IAM roles, KMS keys, SNS
// topics, backup vaults, resources), and the wildcard patterns of a selection's Resources and
// NotResources.

export interface Arn {
  /** aws, aws-cn, aws-us-gov… */
  partition: string;
  /** ec2, rds, elasticfilesystem, backup… */
  service: string;
  /** Empty for global resources (IAM roles, S3 buckets). */
  region: string;
  /** Empty for S3 buckets, and for EC2 images and snapshots (AWS writes them without one). */
  account: string;
  /** Everything after the fifth colon: `instance/i-0abc`, `db:orders`, `my-bucket`. */
  resource: string;
  /** The resource part up to its first `/` or `:` (`instance`, `db`, `file-system`); undefined when it has no separator (an S3 bucket). */
  resourceType: string | undefined;
  /** The rest of the resource part: `i-0abc`, `orders`, `fs-0abc/fsvol-0def`; the whole part when it has no type. */
  resourceId: string;
}

/**
 * The parts of an ARN, or undefined when `text` is not shaped like one (fewer than six
 * colon-separated fields, or not starting with `arn`). The fields are not checked: the field
 * checks below and the shape checks say whether a particular ARN is well formed.
 */
export function parseArn(text: string): Arn | undefined {
  const fields = text.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = fields as [string, string, string, string, string];
  // The resource part may itself contain colons (`db:orders`, `snapshot:awsbackup:job-…`).
  const resource = fields.slice(5).join(':');
  const separator = resource.search(/[/:]/);
  const resourceType = separator < 0 ? undefined : resource.slice(0, separator);
  const resourceId = separator < 0 ? resource : resource.slice(separator + 1);
  return { partition, service, region, account, resource, resourceType, resourceId };
}

export interface ArnFields {
  /** Default `aws`. */
  partition?: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function formatArn({ partition = 'aws', service, region, account, resource }: ArnFields): string {
  return `arn:${partition}:${service}:${region}:${account}:${resource}`;
}

/**
 * The id a service's own API names the resource by: `i-0abc`, the DB identifier `orders`, `fs-0abc`,
 * and for an FSx volume (`volume/fs-0abc/fsvol-0def`) the volume id `fsvol-0def` — the last `/` or
 * `:` segment of the resource part. Undefined when `text` is no ARN.
 */
export function resourceIdOfArn(text: string): string | undefined {
  return parseArn(text)?.resource.split(/[/:]/).pop();
}

const PARTITION = 'aws(?:-[a-z]+)*';
const SERVICE = '[a-z0-9-]+';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
const ACCOUNT = '\\d{12}';

const entire = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const PARTITION_FIELD = entire(PARTITION);
const SERVICE_FIELD = entire(SERVICE);
const REGION_FIELD = entire(REGION);
const ACCOUNT_FIELD = entire(ACCOUNT);

/** aws, aws-cn, aws-us-gov, aws-iso-b… */
export const isPartition = (field: string) => PARTITION_FIELD.test(field);
/** Lower-case letters, digits and hyphens: ec2, elasticfilesystem, backup-gateway. */
export const isServiceName = (field: string) => SERVICE_FIELD.test(field);
/** eu-west-1, us-gov-west-1, ap-southeast-2… */
export const isRegionName = (field: string) => REGION_FIELD.test(field);
/** Twelve digits. */
export const isAccountId = (field: string) => ACCOUNT_FIELD.test(field);

// Whole-ARN shapes: the fields above, and the resource part as each service names its resources.
const IAM_ROLE = new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`);
const KMS_KEY = new RegExp(`^arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:(?:key|alias)/[\\w/-]+$`);
// Standard topics only: "AWS Backup does not currently support SNS FIFO topics" (AWS Backup
// developer guide, Notification options), and a FIFO topic's name ends in .fifo.
const SNS_TOPIC = new RegExp(`^arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:[\\w-]{1,256}$`);
const BACKUP_VAULT = new RegExp(`^arn:(${PARTITION}):backup:(${REGION}):(${ACCOUNT}):backup-vault:([A-Za-z0-9_-]{2,50})$`);
/** Any concrete ARN: partition, service, optional region and account, a resource part. */
const RESOURCE = new RegExp(`^arn:${PARTITION}:${SERVICE}:(?:${REGION})?:(?:${ACCOUNT})?:\\S+$`);

/** arn:aws:iam::ACCOUNT:role/NAME, with an optional path before NAME. */
export const isIamRoleArn = (arn: string) => IAM_ROLE.test(arn);
/** arn:aws:kms:REGION:ACCOUNT:key/ID or …:alias/NAME. */
export const isKmsKeyArn = (arn: string) => KMS_KEY.test(arn);
/** arn:aws:sns:REGION:ACCOUNT:TOPIC of a standard topic, the kind AWS Backup notifies. */
export const isSnsTopicArn = (arn: string) => SNS_TOPIC.test(arn);
/** A concrete ARN with a well-formed partition, service, region and account (the last two may be empty). */
export const isResourceArn = (arn: string) => RESOURCE.test(arn);

export interface BackupVaultArn {
  partition: string;
  region: string;
  account: string;
  name: string;
}

/** arn:aws:backup:REGION:ACCOUNT:backup-vault:NAME, NAME as CreateBackupVault accepts it. */
export function parseBackupVaultArn(arn: string): BackupVaultArn | undefined {
  const m = BACKUP_VAULT.exec(arn);
  return m ? { partition: m[1]!, region: m[2]!, account: m[3]!, name: m[4]! } : undefined;
}

export const isBackupVaultArn = (arn: string) => BACKUP_VAULT.test(arn);

const NOT_AN_ARN = 'it is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) and not "*"';

/**
 * Why `pattern` is not a valid entry of a selection's Resources or NotResources, or undefined when
 * it is. AWS matches a trailing `*` as a prefix, so `arn:aws:rds:*` (every RDS resource) may stop
 * before the resource part, and the field the `*` ends is only the start of one; the Region and
 * account fields may also be `*` as a whole (the AWS console itself writes
 * arn:aws:ec2:*:*:volume/*). A `*` anywhere else is refused.
 */
export function selectionArnProblem(pattern: string): string | undefined {
  if (pattern === '*') return undefined;
  const prefix = pattern.endsWith('*');
  const fields = (prefix ? pattern.slice(0, -1) : pattern).split(':');
  if (fields[0] !== 'arn' || (fields.length < 6 && !prefix)) return NOT_AN_ARN;
  // Index of the field the trailing `*` cuts short (the resource part counts as field 5).
  const cut = prefix ? Math.min(fields.length - 1, 5) : -1;
  const isWholeField = (index: number) => index < fields.length && index !== cut;
  const [, partition = '', service = '', region = '', account = ''] = fields;
  if (isWholeField(1) && !isPartition(partition)) return `its partition "${partition}" is not an AWS partition such as "aws"`;
  if (isWholeField(2) && !isServiceName(service)) return `its service "${service}" is not a service name such as "ec2" (no wildcard allowed there)`;
  if (isWholeField(3) && region !== '*' && region !== '' && !isRegionName(region)) return `its Region "${region}" is neither a Region nor "*"`;
  if (isWholeField(4) && account !== '*' && account !== '' && !isAccountId(account)) return `its account "${account}" is neither a 12-digit account id nor "*"`;
  if (!prefix && fields.slice(5).join(':') === '') return 'its resource part is empty';
  const misplaced = fields.some((field, index) => field.includes('*') && !(isWholeField(index) && (index === 3 || index === 4) && field === '*'));
  if (misplaced) return 'a "*" may only end an ARN (AWS matches it as a prefix), or stand for the whole Region or account';
  return undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Selections are matched against every resource of an account on every scheduler tick: each
// pattern is compiled once.
const compiledPatterns = new Map<string, RegExp>();

/**
 * Whether a selection's Resources / NotResources entry covers `arn`: `*` covers everything, a `*`
 * field (`arn:aws:ec2:*:*:…`) any one field, a trailing `*` any rest (colons included); without a
 * `*` the ARN must be equal. Case sensitive.
 */
export function arnPatternMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === arn;
  let regex = compiledPatterns.get(pattern);
  if (regex === undefined) {
    const trailing = pattern.endsWith('*');
    const fields = (trailing ? pattern.slice(0, -1) : pattern).split(':');
    const source = fields.map((field) => (field === '*' ? '[^:]*' : escapeRegExp(field))).join(':');
    regex = new RegExp(`^${source}${trailing ? '.*' : ''}$`, 's');
    compiledPatterns.set(pattern, regex);
  }
  return regex.test(arn);
}

/** An IAM role ARN: `arn:PARTITION:iam::123456789012:role/PATH/NAME`. */
export interface RoleArn {
  partition: string;
  account: string;
  /** The role's name, without its path. */
  name: string;
}

/** A role ARN as STS accepts it in AssumeRole (a path of printable characters, a name of up to 64 of [\w+=,.@-]). */
const ROLE_ARN = /^arn:(aws(?:-[a-z]+)*):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;

export function parseRoleArn(text: string): RoleArn | undefined {
  const match = ROLE_ARN.exec(text);
  return match ? { partition: match[1]!, account: match[2]!, name: match[3]! } : undefined;
}
