// The sequence of SDK calls the conformance tests run against moto and against the sandbox, and
// the normalisation that makes their answers comparable (ids, dates and request ids dropped).
import {
  BackupClient,
  CreateBackupPlanCommand,
  CreateBackupVaultCommand,
  DeleteBackupPlanCommand,
  DeleteBackupVaultCommand,
  DeleteBackupVaultLockConfigurationCommand,
  DescribeBackupVaultCommand,
  GetBackupPlanCommand,
  ListBackupPlansCommand,
  ListBackupPlanVersionsCommand,
  ListBackupVaultsCommand,
  ListTagsCommand,
  PutBackupVaultLockConfigurationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateBackupPlanCommand,
  type BackupPlanInput,
} from '@aws-sdk/client-backup';
import {
  CreateVolumeCommand,
  DeleteVolumeCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type Instance,
  type Volume,
} from '@aws-sdk/client-ec2';

export interface ConformanceClients {
  backup: BackupClient;
  ec2: EC2Client;
}

/** One call's outcome: the normalised reply, or the error name (and HTTP status). */
export interface StepResult {
  value?: unknown;
  error?: string;
  status?: number;
}

export type Transcript = Map<string, StepResult>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Drops what differs between any two AWS-compatible servers: request ids, dates, generated ids. */
export function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (value instanceof Date) return '<date>';
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata' || v === undefined) continue;
      out[k] = normalise(v, k);
    }
    return out;
  }
  if (typeof value === 'string') {
    if (/(VersionId|RuleId|BackupPlanId|CreatorRequestId)$/.test(key)) return UUID.test(value) ? '<uuid>' : '<id>';
    return value.replace(/backup-plan:[0-9a-f-]{36}/, 'backup-plan:<uuid>');
  }
  return value;
}

const RULE = { RuleName: 'daily', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } };
const PLAN: BackupPlanInput = { BackupPlanName: 'daily', Rules: [RULE] };

/** EC2 replies carry network details neither side needs to agree on: compare what bkp reads. */
function instanceView(instance: Instance, aliases: Aliases) {
  return {
    id: aliases.of(instance.InstanceId),
    state: instance.State,
    type: instance.InstanceType,
    image: instance.ImageId,
    tags: sortTags(instance.Tags),
    rootVolumes: instance.BlockDeviceMappings?.length ?? 0,
  };
}

function volumeView(volume: Volume, aliases: Aliases) {
  return {
    state: volume.State,
    size: volume.Size,
    zone: volume.AvailabilityZone,
    attachedTo: volume.Attachments?.map((a) => aliases.of(a.InstanceId)),
    deleteOnTermination: volume.Attachments?.map((a) => a.DeleteOnTermination),
  };
}

function sortTags(tags: { Key?: string; Value?: string }[] | undefined) {
  return [...(tags ?? [])].sort((a, b) => (a.Key ?? '').localeCompare(b.Key ?? ''));
}

/** Stable names (#1, #2, …) for generated ids, in order of first appearance. */
class Aliases {
  private readonly names = new Map<string, string>();
  of(id: string | undefined): string {
    if (id === undefined) return '<none>';
    let name = this.names.get(id);
    if (name === undefined) {
      name = `#${this.names.size + 1}`;
      this.names.set(id, name);
    }
    return name;
  }
}

export async function runScenario(clients: ConformanceClients): Promise<Transcript> {
  const transcript: Transcript = new Map();
  const step = async (name: string, call: () => Promise<unknown>, view: (reply: never) => unknown = normalise) => {
    try {
      const reply = await call();
      transcript.set(name, { value: view(reply as never) });
      return reply;
    } catch (error) {
      const e = error as Error & { $metadata?: { httpStatusCode?: number } };
      if (e.$metadata === undefined) throw error;
      transcript.set(name, { error: e.name, status: e.$metadata.httpStatusCode });
      return undefined;
    }
  };
  await backupSteps(clients.backup, step);
  await ec2Steps(clients.ec2, step);
  return transcript;
}

type Step = (name: string, call: () => Promise<unknown>, view?: (reply: never) => unknown) => Promise<unknown>;

async function backupSteps(backup: BackupClient, step: Step): Promise<void> {
  const vaultArn = 'arn:aws:backup:us-east-1:123456789012:backup-vault:main';
  // Vaults
  await step('vault: create', () => backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'main', BackupVaultTags: { team: 'infra' } })));
  await step('vault: create again', () => backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' })));
  await step('vault: create with an invalid name', () => backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'no spaces!' })));
  await step('vault: create a second', () => backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'second' })));
  await step('vault: describe', () => backup.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' })));
  await step('vault: describe a missing vault', () => backup.send(new DescribeBackupVaultCommand({ BackupVaultName: 'missing' })));
  await step('vault: list', () => backup.send(new ListBackupVaultsCommand({})), (r: { BackupVaultList?: { BackupVaultName?: string }[] }) =>
    r.BackupVaultList?.map((v) => v.BackupVaultName).sort(),
  );
  await step('vault: list one per page', () => backup.send(new ListBackupVaultsCommand({ MaxResults: 1 })), (r: { BackupVaultList?: unknown[]; NextToken?: string }) => ({
    count: r.BackupVaultList?.length,
    more: r.NextToken !== undefined,
  }));

  // Vault lock
  await step('lock: put governance', () =>
    backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 7, MaxRetentionDays: 30 })),
  );
  const lockView = (r: { Locked?: boolean; MinRetentionDays?: number; MaxRetentionDays?: number; LockDate?: Date }) => ({
    locked: r.Locked,
    min: r.MinRetentionDays,
    max: r.MaxRetentionDays,
    lockDate: r.LockDate !== undefined,
  });
  await step('lock: describe', () => backup.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' })), lockView);
  await step('lock: min above max', () =>
    backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 30, MaxRetentionDays: 7 })),
  );
  await step('lock: changeable for fewer than 3 days', () =>
    backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 7, ChangeableForDays: 1 })),
  );
  await step('lock: on a missing vault', () =>
    backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'missing', MinRetentionDays: 7 })),
  );
  await step('lock: put compliance', () =>
    backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'second', MinRetentionDays: 1, ChangeableForDays: 3 })),
  );
  await step('lock: describe compliance', () => backup.send(new DescribeBackupVaultCommand({ BackupVaultName: 'second' })), lockView);
  await step('lock: delete', () => backup.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: 'main' })));
  await step('lock: describe after delete', () => backup.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' })), lockView);

  // Tags
  await step('tags: list', () => backup.send(new ListTagsCommand({ ResourceArn: vaultArn })));
  await step('tags: tag', () => backup.send(new TagResourceCommand({ ResourceArn: vaultArn, Tags: { env: 'prod' } })));
  await step('tags: untag', () => backup.send(new UntagResourceCommand({ ResourceArn: vaultArn, TagKeyList: ['team'] })));
  await step('tags: list after changes', () => backup.send(new ListTagsCommand({ ResourceArn: vaultArn })));

  // Plans
  const created = (await step('plan: create', () => backup.send(new CreateBackupPlanCommand({ BackupPlan: PLAN, BackupPlanTags: { team: 'infra' } })))) as
    | { BackupPlanId?: string; VersionId?: string }
    | undefined;
  const planId = created?.BackupPlanId ?? 'missing';
  await step('plan: ids are shaped like AWS', async () => created, (r: { BackupPlanId?: string; BackupPlanArn?: string } | undefined) => ({
    id: UUID.test(r?.BackupPlanId ?? ''),
    arn: r?.BackupPlanArn === `arn:aws:backup:us-east-1:123456789012:backup-plan:${r?.BackupPlanId}`,
  }));
  await step('plan: get', () => backup.send(new GetBackupPlanCommand({ BackupPlanId: planId })));
  await step('plan: tags', () => backup.send(new ListTagsCommand({ ResourceArn: `arn:aws:backup:us-east-1:123456789012:backup-plan:${planId}` })));
  const updated = (await step('plan: update', () =>
    backup.send(new UpdateBackupPlanCommand({ BackupPlanId: planId, BackupPlan: { ...PLAN, Rules: [{ ...RULE, StartWindowMinutes: 120 }] } })),
  )) as { VersionId?: string } | undefined;
  await step('plan: update gives a new VersionId', async () => updated?.VersionId !== undefined && updated.VersionId !== created?.VersionId);
  await step('plan: versions', () => backup.send(new ListBackupPlanVersionsCommand({ BackupPlanId: planId })), (r: { BackupPlanVersionsList?: unknown[] }) =>
    r.BackupPlanVersionsList?.length,
  );
  await step('plan: get the first version', () => backup.send(new GetBackupPlanCommand({ BackupPlanId: planId, VersionId: created?.VersionId })), (r: { BackupPlan?: { Rules?: { StartWindowMinutes?: number }[] } }) =>
    r.BackupPlan?.Rules?.[0]?.StartWindowMinutes,
  );
  await step('plan: list', () => backup.send(new ListBackupPlansCommand({})));
  await step('plan: create with an invalid lifecycle', () =>
    backup.send(
      new CreateBackupPlanCommand({
        BackupPlan: { BackupPlanName: 'bad', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'main', Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 60 } }] },
      }),
    ),
  );
  await step('plan: get a missing plan', () => backup.send(new GetBackupPlanCommand({ BackupPlanId: '00000000-0000-4000-8000-000000000000' })));
  await step('plan: delete', () => backup.send(new DeleteBackupPlanCommand({ BackupPlanId: planId })));
  await step('plan: list after delete', () => backup.send(new ListBackupPlansCommand({})), (r: { BackupPlansList?: unknown[] }) => r.BackupPlansList?.length);
  await step('plan: list including deleted', () => backup.send(new ListBackupPlansCommand({ IncludeDeleted: true })), (r: { BackupPlansList?: { DeletionDate?: Date }[] }) =>
    r.BackupPlansList?.map((p) => p.DeletionDate !== undefined),
  );

  // Vault deletion
  await step('vault: delete', () => backup.send(new DeleteBackupVaultCommand({ BackupVaultName: 'main' })));
  await step('vault: describe after delete', () => backup.send(new DescribeBackupVaultCommand({ BackupVaultName: 'main' })));
  await step('vault: delete a missing vault', () => backup.send(new DeleteBackupVaultCommand({ BackupVaultName: 'missing' })));
}

async function ec2Steps(ec2: EC2Client, step: Step): Promise<void> {
  const aliases = new Aliases();
  const ids: string[] = [];
  const reservationView = (r: { Instances?: Instance[] }) => r.Instances?.map((i) => instanceView(i, aliases));
  const describeView = (r: { Reservations?: { Instances?: Instance[] }[] }) =>
    (r.Reservations ?? []).flatMap((res) => (res.Instances ?? []).map((i) => instanceView(i, aliases)));
  const tags = (env: string) => [{ ResourceType: 'instance' as const, Tags: [{ Key: 'Name', Value: `web-${env}` }, { Key: 'env', Value: env }] }];

  for (const env of ['prod', 'dev']) {
    const count = env === 'prod' ? 2 : 1;
    const run = (await step(`ec2: run ${env}`, () =>
      ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: count, MaxCount: count, InstanceType: 't3.micro', TagSpecifications: tags(env) })),
      reservationView,
    )) as { Instances?: Instance[] } | undefined;
    for (const instance of run?.Instances ?? []) ids.push(instance.InstanceId!);
  }
  await step('ec2: describe by tag', () => ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:env', Values: ['prod'] }] })), describeView);
  await step('ec2: describe by tag-key and state', () =>
    ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag-key', Values: ['env'] }, { Name: 'instance-state-name', Values: ['running'] }] })),
    describeView,
  );
  await step('ec2: stop', () => ec2.send(new StopInstancesCommand({ InstanceIds: [ids[0]!] })), (r: { StoppingInstances?: { InstanceId?: string; CurrentState?: unknown; PreviousState?: unknown }[] }) =>
    r.StoppingInstances?.map((c) => ({ id: aliases.of(c.InstanceId), current: c.CurrentState, previous: c.PreviousState })),
  );
  await step('ec2: describe stopped', () => ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['stopped'] }] })), describeView);
  await step('ec2: terminate', () => ec2.send(new TerminateInstancesCommand({ InstanceIds: [ids[2]!] })), (r: { TerminatingInstances?: { InstanceId?: string; CurrentState?: unknown; PreviousState?: unknown }[] }) =>
    r.TerminatingInstances?.map((c) => ({ id: aliases.of(c.InstanceId), current: c.CurrentState, previous: c.PreviousState })),
  );
  await step('ec2: describe terminated by id', () => ec2.send(new DescribeInstancesCommand({ InstanceIds: [ids[2]!] })), describeView);
  await step('ec2: describe volumes', () => ec2.send(new DescribeVolumesCommand({})), (r: { Volumes?: Volume[] }) => r.Volumes?.map((v) => volumeView(v, aliases)));
  await step('ec2: describe volumes by attachment', () =>
    ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [ids[1]!] }] })),
    (r: { Volumes?: Volume[] }) => r.Volumes?.map((v) => volumeView(v, aliases)),
  );
  const volume = (await step('ec2: create volume', () => ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 20 })), (r: Volume) => ({
    size: r.Size,
    zone: r.AvailabilityZone,
  }))) as Volume | undefined;
  await step('ec2: delete volume', () => ec2.send(new DeleteVolumeCommand({ VolumeId: volume?.VolumeId ?? 'vol-00000000' })));
  await step('ec2: describe a missing instance', () => ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })));
  await step('ec2: describe a malformed instance id', () => ec2.send(new DescribeInstancesCommand({ InstanceIds: ['web'] })));
  await step('ec2: describe a missing volume', () => ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0123456789abcdef0'] })));
  await step('ec2: stop a terminated instance', () => ec2.send(new StopInstancesCommand({ InstanceIds: [ids[2]!] })));
  await step('ec2: unknown filter', () => ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })));
  for (let i = 0; i < 4; i++) await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1 }));
  await step('ec2: first page of 5', () => ec2.send(new DescribeInstancesCommand({ MaxResults: 5 })), (r: { Reservations?: { Instances?: unknown[] }[]; NextToken?: string }) => ({
    instances: (r.Reservations ?? []).reduce((n, res) => n + (res.Instances?.length ?? 0), 0),
    more: r.NextToken !== undefined,
  }));
}
