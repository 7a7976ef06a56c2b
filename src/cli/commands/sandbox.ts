// bkp sandbox …: drive the embedded AWS account (inventory, clock, restore checks, HTTP server).
import type { Argv } from 'yargs';
import type { BkpCommand } from './index.js';
import { needsValue, needsValues, nonEmptyArgument } from './option-values.js';
import type { Io } from '../io.js';
import type { CommandContext } from '../../app/context.js';
import { commandContext, type GlobalFlags } from '../context.js';
import type { AdvanceFlags, RestoreCheckFlags, StatusFlags } from '../../app/sandbox/clock.js';
import type { ResourceAddFlags, ResourceListFlags, ResourceRmFlags, ResourceSetFlags } from '../../app/sandbox/resource.js';
import type { ServeFlags } from '../../app/sandbox/serve.js';
import type { ReportsListFlags, ReportsShowFlags } from '../../app/sandbox/report-store.js';

type RunFunction<F> = (ctx: CommandContext, flags: F) => Promise<number>;

/** A handler that loads its run function only when the command runs (keeps `bkp --help` fast). */
function run<F>(io: Io, load: () => Promise<RunFunction<F>>) {
  return async (flags: GlobalFlags) => {
    const runFunction = await load();
    // yargs has checked the positional arguments and options that F declares.
    process.exitCode = await runFunction(commandContext(flags, io), flags as GlobalFlags & F);
  };
}

const TYPES = 'ec2-instance, ebs-volume, rds-instance, aurora-cluster, docdb-cluster, efs, fsx, fsx-ontap-volume, vm';

function detailOptions<T>(y: Argv<T>) {
  return y
    .option('state', { type: 'string', ...needsValue('--state', 'a state, such as --state=stopped'), describe: 'State: running|stopped|terminated… (EC2), AVAILABLE|UPDATING… , ONLINE|OFFLINE (VM hypervisor)' })
    .option('tag', { type: 'string', ...needsValues('--tag', 'a tag, such as --tag env=prod'), describe: 'A tag key=value (repeatable)' })
    .option('size', { type: 'number', requiresArg: true, describe: 'Size in GiB' })
    .option('ontap-volume-type', { type: 'string', ...needsValue('--ontap-volume-type', 'RW, DP or LS'), describe: 'FSx for ONTAP volume type: RW, DP or LS' })
    .option('full', { type: 'boolean', describe: 'FSx file system or ONTAP volume is full (--no-full to clear)' })
    .option('member', { type: 'string', ...needsValues('--member', 'the name of a member resource'), describe: 'Composite member NAME or NAME:failed (repeatable)' })
    .option('instance-type', { type: 'string', ...needsValue('--instance-type', 'an EC2 instance type, such as --instance-type=t3.micro'), describe: 'EC2 instance type (default t3.micro)' })
    .option('file-system', { type: 'string', ...needsValue('--file-system', 'the name of an fsx resource'), describe: 'The fsx resource an ONTAP volume lives on' });
}

function resourceCommand(io: Io): BkpCommand {
  return {
    command: 'resource',
    describe: 'Manage the source resources (EC2, EBS, RDS, Aurora, DocumentDB, EFS, FSx, VMs) backups are taken of',
    builder: (y) =>
      y
        .command({
          command: 'add <type> <name>',
          describe: `Add a source resource (types: ${TYPES})`,
          builder: (a) =>
            detailOptions(a)
              .positional('type', { type: 'string', ...nonEmptyArgument('type', 'a source resource type, such as ec2-instance'), describe: 'The type of resource' })
              .positional('name', { type: 'string', ...nonEmptyArgument('name', 'a name for the resource'), describe: 'Its name, unique among the resources of its type and Region' }),
          handler: run<ResourceAddFlags>(io, async () => (await import('../../app/sandbox/resource.js')).runResourceAdd),
        })
        .command({
          command: 'list',
          describe: 'List the source resources, with whether AWS Backup could back each up now',
          builder: (a) =>
            a
              .option('type', { type: 'string', ...needsValue('--type', 'a source resource type, such as --type=ec2-instance'), describe: 'Only this type' })
              .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
          handler: run<ResourceListFlags>(io, async () => (await import('../../app/sandbox/resource.js')).runResourceList),
        })
        .command({
          command: 'set <name>',
          describe: 'Change a resource (by name, id or ARN): state, tags, size, full, members',
          builder: (a) =>
            detailOptions(a)
              .positional('name', { type: 'string', ...nonEmptyArgument('name', 'the name, id or ARN of a resource'), describe: 'The resource: its name, id or ARN' })
              .option('untag', { type: 'string', ...needsValues('--untag', 'a tag key'), describe: 'Remove a tag by key (repeatable)' })
              .option('type', { type: 'string', ...needsValue('--type', 'a source resource type, such as --type=ec2-instance'), describe: 'The type, when the name is ambiguous' }),
          handler: run<ResourceSetFlags>(io, async () => (await import('../../app/sandbox/resource.js')).runResourceSet),
        })
        .command({
          command: 'rm <name>',
          describe: 'Remove a resource (its recovery points are kept)',
          builder: (a) =>
            a
              .positional('name', { type: 'string', ...nonEmptyArgument('name', 'the name, id or ARN of a resource'), describe: 'The resource: its name, id or ARN' })
              .option('type', { type: 'string', ...needsValue('--type', 'a source resource type, such as --type=ec2-instance'), describe: 'The type, when the name is ambiguous' }),
          handler: run<ResourceRmFlags>(io, async () => (await import('../../app/sandbox/resource.js')).runResourceRm),
        })
        .demandCommand(1, 'Name an action: add, list, set or rm.'),
    handler: () => undefined,
  };
}

function reportsCommand(io: Io): BkpCommand {
  const load = async () => import('../../app/sandbox/report-store.js');
  return {
    command: 'reports',
    describe: 'The reports that report plans wrote into the sandbox\'s object store (also served as S3)',
    builder: (y) =>
      y
        .command({
          command: ['list', '$0'],
          describe: 'List the report objects (s3://BUCKET/KEY, size, time)',
          builder: (a) =>
            a
              .option('bucket', { type: 'string', ...needsValue('--bucket', 'the name of a bucket'), describe: 'Only this bucket' })
              .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
          handler: run<ReportsListFlags>(io, async () => (await load()).runReportsList),
        })
        .command({
          command: 'show <key>',
          describe: 'Print one report object (KEY, or s3://BUCKET/KEY)',
          builder: (a) =>
            a
              .positional('key', { type: 'string', ...nonEmptyArgument('key', 'the key of a report object, or s3://BUCKET/KEY'), describe: 'The object: KEY, or s3://BUCKET/KEY' })
              .option('bucket', { type: 'string', ...needsValue('--bucket', 'the name of a bucket'), describe: 'The bucket, when several hold the key' })
              .option('json', { type: 'boolean', default: false, describe: 'Print JSON (the object with its content)' }),
          handler: run<ReportsShowFlags>(io, async () => (await load()).runReportsShow),
        }),
    handler: () => undefined,
  };
}

export function sandboxCommand(io: Io): BkpCommand {
  return {
    command: 'sandbox',
    describe: 'Work with the embedded AWS account (provider "sandbox"): inventory, clock, HTTP server',
    builder: (y) =>
      y
        .option('file', { type: 'string', ...needsValue('--file', 'the name of a sandbox account file'), describe: 'The sandbox account file (default: the path of the configuration\'s provider "sandbox", else .bkp/sandbox.json)' })
        .option('region', { type: 'string', ...needsValue('--region', 'a Region name, such as --region=eu-west-1'), describe: 'Region for new resources (default: the account\'s region)' })
        .option('account-id', { type: 'string', ...needsValue('--account-id', 'a 12-digit account id'), describe: 'Account id when the file is created (default 123456789012)' })
        .command(resourceCommand(io))
        .command(reportsCommand(io))
        .command({
          command: 'advance <duration>',
          describe: 'Move the sandbox clock forward (6h, 90m, 3d, 1d12h) and show what happened',
          builder: (a) =>
            a
              .positional('duration', { type: 'string', ...nonEmptyArgument('duration', 'a duration, such as 6h or 1d12h'), describe: 'How far: 6h, 90m, 3d, 1d12h' })
              .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
          handler: run<AdvanceFlags>(io, async () => (await import('../../app/sandbox/clock.js')).runAdvance),
        })
        .command({
          command: 'status',
          describe: 'Show the clock and what the account holds',
          builder: (a) => a.option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
          handler: run<StatusFlags>(io, async () => (await import('../../app/sandbox/clock.js')).runStatus),
        })
        .command({
          command: 'restore-check <arn>',
          describe: 'Check that a recovery point could be fully restored (exit 1 when not)',
          builder: (a) =>
            a
              .positional('arn', { type: 'string', ...nonEmptyArgument('arn', 'the ARN of a recovery point'), describe: 'The recovery point ARN' })
              .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
          handler: run<RestoreCheckFlags>(io, async () => (await import('../../app/sandbox/clock.js')).runRestoreCheck),
        })
        .command({
          command: 'serve',
          describe: 'Serve the sandbox over HTTP on 127.0.0.1 for the AWS CLI or any SDK',
          builder: (a) =>
            a
              .option('port', { type: 'number', default: 0, describe: 'Port (0: any free port)' })
              .option('host', { type: 'string', default: '127.0.0.1', ...needsValue('--host', 'a loopback address, such as --host=127.0.0.1'), describe: 'Loopback address to listen on' }),
          handler: run<ServeFlags>(io, async () => (await import('../../app/sandbox/serve.js')).runServe),
        })
        .demandCommand(1, 'Name a sandbox command: resource, advance, status, restore-check, reports or serve.'),
    handler: () => undefined,
  };
}
