// `bkp sandbox resource add|list|set|rm`: the sandbox's source resources (what backups are taken
// of). EC2 instances and volumes go through the same model as the EC2 API, so both views agree.
import { didYouMean } from '../../core/suggest.js';
import { ErrorCode, UserError } from '../../core/errors.js';
import type { ResourceRow } from '../../sandbox/reports.js';
import { createVolume, detachVolume, launchInstance, removeInstance, type Ec2Env } from '../../sandbox/ec2/model.js';
import {
  SOURCE_TYPES,
  addResource,
  backupEligibility,
  parseSourceType,
  parseState,
  regionOf,
  removeResource,
  type OntapVolumeType,
  type ResourceMember,
  type SourceResource,
  type SourceType,
} from '../../sandbox/inventory.js';
import type { AccountState } from '../../sandbox/state.js';
import type { CommandContext } from '../context.js';
import { notify } from '../io-host.js';
import { numberOptionMessage } from '../options.js';
import { parseTags, sandboxHandle, type SandboxFileFlags } from './common.js';

export interface ResourceDetailFlags {
  state?: string;
  tag?: string[];
  size?: number;
  'ontap-volume-type'?: string;
  full?: boolean;
  member?: string[];
  'instance-type'?: string;
  'file-system'?: string;
}

export interface ResourceAddFlags extends SandboxFileFlags, ResourceDetailFlags {
  type: string;
  name: string;
}

export interface ResourceSetFlags extends SandboxFileFlags, ResourceDetailFlags {
  name: string;
  type?: string;
  untag?: string[];
}

export interface ResourceListFlags extends SandboxFileFlags {
  type?: string;
  json?: boolean;
}

export interface ResourceRmFlags extends SandboxFileFlags {
  name: string;
  type?: string;
}

function row(resource: SourceResource, account: AccountState): ResourceRow {
  return { resource, eligibility: backupEligibility(resource, account.inventory) };
}

export async function runResourceAdd(ctx: CommandContext, flags: ResourceAddFlags): Promise<number> {
  const type = parseSourceType(flags.type);
  checkDetailFlags(type, flags);
  const tags = parseTags(flags.tag);
  const members = parseMembers(flags.member);
  const state = flags.state === undefined ? undefined : parseState(type, flags.state);
  const added = await (await sandboxHandle(ctx, flags)).update((account) => {
    const region = flags.region ?? account.defaultRegion;
    const existing = account.inventory.find((r) => r.type === type && r.name === flags.name && regionOf(r) === region);
    if (existing !== undefined) {
      throw new UserError(ErrorCode.Sandbox, `The sandbox already has ${type} "${flags.name}" in ${region} (${existing.id}).`, {
        hint: 'Pick another name, change it with `bkp sandbox resource set`, or remove it with `bkp sandbox resource rm`.',
      });
    }
    const env: Ec2Env = { account, region, accountId: account.accountId, now: new Date(account.clock.now) };
    const resource = createResource(env, type, flags, { tags, members, state });
    const extra = type === 'ec2-instance' && resource.volumeIds?.length ? [`  root volume: ${resource.volumeIds[0]}`] : [];
    return { row: row(resource, account), extra };
  });
  const { resource } = added.row;
  await notify(ctx.host, 'BKP_R_SANDBOX_RESOURCE', 'result', `Added ${resource.type} ${resource.name} (${resource.id}).`, { verb: 'Added', ...added });
  return 0;
}

function createResource(
  env: Ec2Env,
  type: SourceType,
  flags: ResourceAddFlags,
  parsed: { tags: Record<string, string>; members?: ResourceMember[]; state?: string },
): SourceResource {
  const { tags, members, state } = parsed;
  let resource: SourceResource;
  if (type === 'ec2-instance') {
    resource = launchInstance(env, flags.name, { tags, state, instanceType: flags['instance-type'], rootVolumeSizeGiB: flags.size });
  } else if (type === 'ebs-volume') {
    resource = createVolume(env, { name: flags.name, tags, sizeGiB: flags.size });
    if (state !== undefined) resource.state = state;
  } else {
    const fileSystem = flags['file-system'] === undefined ? undefined : resolveResource(env.account.inventory, flags['file-system'], 'fsx');
    resource = addResource(env.account, type, flags.name, {
      region: fileSystem === undefined ? env.region : regionOf(fileSystem),
      accountId: env.accountId,
      now: env.now.toISOString(),
      state,
      tags,
      sizeGiB: flags.size,
      ontapVolumeType: flags['ontap-volume-type'] as OntapVolumeType | undefined,
      full: flags.full,
      fileSystemId: fileSystem?.id,
    });
  }
  if (members !== undefined) resource.members = members;
  return resource;
}

export async function runResourceList(ctx: CommandContext, flags: ResourceListFlags): Promise<number> {
  const type = flags.type === undefined ? undefined : parseSourceType(flags.type);
  const account = await (await sandboxHandle(ctx, flags)).read();
  const rows = account.inventory
    .filter((r) => type === undefined || r.type === type)
    .filter((r) => flags.region === undefined || regionOf(r) === flags.region)
    .sort((a, b) => SOURCE_TYPES.indexOf(a.type) - SOURCE_TYPES.indexOf(b.type) || a.serial - b.serial)
    .map((r) => row(r, account));
  const text = rows.map((r) => `${r.resource.type} ${r.resource.name} (${r.resource.id})`).join('\n');
  await notify(ctx.host, 'BKP_R_SANDBOX_RESOURCES', 'result', text, { rows, format: flags.json ? 'json' : 'human' });
  return 0;
}

export async function runResourceSet(ctx: CommandContext, flags: ResourceSetFlags): Promise<number> {
  const type = flags.type === undefined ? undefined : parseSourceType(flags.type);
  const tags = parseTags(flags.tag);
  const members = parseMembers(flags.member);
  const changes = [flags.state, flags.tag, flags.untag, flags.size, flags['ontap-volume-type'], flags.full, flags.member, flags['instance-type']];
  if (changes.every((c) => c === undefined)) {
    throw new UserError(ErrorCode.Usage, `Nothing to change for "${flags.name}".`, {
      hint: 'Say what to change: --state, --tag key=value, --untag key, --size, --full/--no-full, --ontap-volume-type or --member.',
    });
  }
  const changed = await (await sandboxHandle(ctx, flags)).update((account) => {
    const resource = resolveResource(account.inventory, flags.name, type);
    checkDetailFlags(resource.type, flags);
    if (flags.state !== undefined) resource.state = parseState(resource.type, flags.state);
    Object.assign(resource.tags, tags);
    for (const key of flags.untag ?? []) delete resource.tags[key];
    if (resource.type === 'ec2-instance' || resource.type === 'ebs-volume') {
      // For EC2 the Name tag is the name, as in the console.
      if (tags['Name'] !== undefined) resource.name = tags['Name'];
      else if (flags.untag?.includes('Name')) resource.name = resource.id;
    }
    if (flags.size !== undefined) resource.sizeGiB = flags.size;
    if (flags.full !== undefined) resource.full = flags.full;
    if (flags['ontap-volume-type'] !== undefined) resource.ontapVolumeType = flags['ontap-volume-type'] as OntapVolumeType;
    if (flags['instance-type'] !== undefined) resource.instanceType = flags['instance-type'];
    if (members !== undefined) resource.members = members;
    return row(resource, account);
  });
  const { resource } = changed;
  await notify(ctx.host, 'BKP_R_SANDBOX_RESOURCE', 'result', `Changed ${resource.type} ${resource.name} (${resource.id}).`, { verb: 'Changed', row: changed, extra: [] });
  return 0;
}

export async function runResourceRm(ctx: CommandContext, flags: ResourceRmFlags): Promise<number> {
  const type = flags.type === undefined ? undefined : parseSourceType(flags.type);
  const removed = await (await sandboxHandle(ctx, flags)).update((account) => {
    const resource = resolveResource(account.inventory, flags.name, type);
    if (resource.type === 'fsx') {
      const volumes = account.inventory.filter((r) => r.type === 'fsx-ontap-volume' && r.fileSystemId === resource.id);
      if (volumes.length > 0) {
        throw new UserError(ErrorCode.Sandbox, `File system "${resource.name}" still has ${volumes.length} volume(s): ${volumes.map((v) => v.name).join(', ')}.`, {
          hint: 'Remove its fsx-ontap-volume resources first, as FSx requires.',
        });
      }
    }
    if (resource.type === 'ec2-instance') removeInstance(account, resource);
    else {
      if (resource.attachedTo !== undefined) detachVolume(account, resource);
      removeResource(account, resource);
    }
    // Its recovery points stay: AWS keeps backups per their lifecycle when the source goes away.
    return { type: resource.type, name: resource.name, id: resource.id };
  });
  const text = `Removed ${removed.type} ${removed.name} (${removed.id}). Its recovery points, if any, are kept.`;
  await notify(ctx.host, 'BKP_R_SANDBOX_RESOURCE_REMOVED', 'result', text, removed);
  return 0;
}

/** A resource by name, id or ARN (optionally of one type); a UserError when none or several match. */
export function resolveResource(inventory: readonly SourceResource[], ref: string, type?: SourceType): SourceResource {
  const candidates = inventory.filter((r) => type === undefined || r.type === type);
  const matches = candidates.filter((r) => r.arn === ref || r.id === ref || r.name === ref);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    const what = type === undefined ? 'resource' : type;
    throw new UserError(ErrorCode.Sandbox, `The sandbox has no ${what} called "${ref}".${didYouMean(ref, candidates.map((r) => r.name))}`, {
      hint: 'List the inventory with `bkp sandbox resource list`; resources can be named by name, id or ARN.',
    });
  }
  throw new UserError(ErrorCode.Sandbox, `"${ref}" names ${matches.length} sandbox resources: ${matches.map((r) => `${r.type} ${r.id}`).join(', ')}.`, {
    hint: 'Use the id or ARN instead of the name, or add --type TYPE.',
  });
}

const ONTAP_VOLUME_TYPES = ['RW', 'DP', 'LS'];

/** Refuses flags that mean nothing for the type, instead of silently ignoring them. */
function checkDetailFlags(type: SourceType, flags: ResourceDetailFlags): void {
  const only = (flag: keyof ResourceDetailFlags, types: SourceType[]) => {
    if (flags[flag] !== undefined && !types.includes(type)) {
      throw new UserError(ErrorCode.Usage, `--${flag} does not apply to ${type} resources.`, {
        hint: `--${flag} is for: ${types.join(', ')}.`,
      });
    }
  };
  only('ontap-volume-type', ['fsx-ontap-volume']);
  only('full', ['fsx', 'fsx-ontap-volume']);
  only('instance-type', ['ec2-instance']);
  only('file-system', ['fsx-ontap-volume']);
  const volumeType = flags['ontap-volume-type']?.toUpperCase();
  if (volumeType !== undefined) flags['ontap-volume-type'] = volumeType;
  if (volumeType !== undefined && !ONTAP_VOLUME_TYPES.includes(volumeType)) {
    throw new UserError(ErrorCode.Usage, `"${volumeType}" is not an FSx for ONTAP volume type.`, {
      hint: 'Use RW (read-write), DP (data protection) or LS (load-sharing mirror).',
    });
  }
  if (flags.size !== undefined && (!Number.isInteger(flags.size) || flags.size < 1)) {
    throw new UserError(ErrorCode.Usage, numberOptionMessage('--size', 'a whole number of GiB of at least 1', flags.size));
  }
}

/** `--member data --member logs:failed` → members, the second of which fails its backup. */
function parseMembers(values: readonly string[] | undefined): ResourceMember[] | undefined {
  if (values === undefined) return undefined;
  return values.map((value) => {
    const [name = '', outcome] = value.split(':');
    if (name === '' || (outcome !== undefined && outcome !== 'failed' && outcome !== 'ok')) {
      throw new UserError(ErrorCode.Usage, `"${value}" is not a member: use NAME, NAME:ok or NAME:failed.`, {
        hint: 'Members make a composite resource; a job over it ends PARTIAL when some members are NAME:failed.',
      });
    }
    return { name, failed: outcome === 'failed' };
  });
}
