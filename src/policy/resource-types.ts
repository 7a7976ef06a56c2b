// AWS Backup resource types (as Audit Manager's ComplianceResourceTypes and selections name them)
// of resource ARNs, and the parts of an ARN the controls compare.

const BY_ARN: Array<[RegExp, string]> = [
  [/^arn:aws[a-z-]*:ec2:[^:]*:[^:]*:instance\//, 'EC2'],
  [/^arn:aws[a-z-]*:ec2:[^:]*:[^:]*:volume\//, 'EBS'],
  [/^arn:aws[a-z-]*:rds:[^:]*:[^:]*:db:/, 'RDS'],
  [/^arn:aws[a-z-]*:rds:[^:]*:[^:]*:cluster:/, 'Aurora'],
  [/^arn:aws[a-z-]*:elasticfilesystem:/, 'EFS'],
  [/^arn:aws[a-z-]*:fsx:/, 'FSx'],
  [/^arn:aws[a-z-]*:backup-gateway:[^:]*:[^:]*:vm\//, 'VirtualMachine'],
  [/^arn:aws[a-z-]*:dynamodb:/, 'DynamoDB'],
  [/^arn:aws[a-z-]*:s3:/, 'S3'],
  [/^arn:aws[a-z-]*:redshift:/, 'Redshift'],
  [/^arn:aws[a-z-]*:storagegateway:/, 'Storage Gateway'],
  [/^arn:aws[a-z-]*:cloudformation:/, 'CloudFormation'],
  [/^arn:aws[a-z-]*:timestream:/, 'Timestream'],
];

/** EC2 for an instance ARN, RDS for a DB instance…; undefined when bkp cannot tell. */
export function resourceTypeOfArn(arn: string): string | undefined {
  return BY_ARN.find(([pattern]) => pattern.test(arn))?.[1];
}

export interface ArnParts {
  region: string;
  account: string;
  /** The last path or colon segment: i-…, the DB identifier, fs-…. */
  id: string;
}

export function arnParts(arn: string): ArnParts | undefined {
  const fields = arn.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return undefined;
  const resource = fields.slice(5).join(':');
  const id = resource.split(/[/:]/).pop() ?? resource;
  return { region: fields[3]!, account: fields[4]!, id };
}
