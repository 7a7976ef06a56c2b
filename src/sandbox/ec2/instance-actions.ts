// RunInstances, StartInstances, StopInstances, TerminateInstances. Every id is checked before any
// instance changes, so a refused request changes nothing.
import type { SourceResource } from '../inventory.js';
import type { SandboxServiceContext } from '../service-context.js';
import { regional } from './describe.js';
import { Ec2Error, checkInstanceIds, instancesNotFound } from './errors.js';
import {
  launchInstance,
  startInstance,
  stopInstance,
  terminateInstance,
  type StateChange,
} from './model.js';
import type { Ec2Params } from './query.js';
import { instanceElements, stateChangeItems } from './views.js';
import { el, type XmlElement } from '../xml.js';
import { itemSet } from './xml.js';

/** The sandbox's stand-in for an account's running-instance quota. */
const INSTANCE_LIMIT = 100;
const IMAGE_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function runInstances(params: Ec2Params, ctx: SandboxServiceContext): (XmlElement | undefined)[] {
  const imageId = params.require('ImageId');
  if (!IMAGE_ID.test(imageId)) throw new Ec2Error('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  const minCount = requiredCount(params, 'MinCount');
  const maxCount = requiredCount(params, 'MaxCount');
  if (maxCount < minCount) {
    throw new Ec2Error('InvalidParameterValue', `MaxCount (${maxCount}) must be greater than or equal to MinCount (${minCount}).`);
  }
  const running = regional(ctx, 'ec2-instance').filter((i) => i.state !== 'terminated').length;
  const available = INSTANCE_LIMIT - running;
  if (minCount > available) {
    throw new Ec2Error(
      'InstanceLimitExceeded',
      `You have requested more instances (${minCount}) than your current instance limit of ${INSTANCE_LIMIT} allows for the specified instance type.`,
    );
  }
  const availabilityZone = params.get('Placement.AvailabilityZone');
  if (availabilityZone !== undefined && !availabilityZone.startsWith(ctx.region)) {
    throw new Ec2Error('InvalidParameterValue', `Invalid availability zone: [${availabilityZone}]`);
  }

  const clientToken = params.get('ClientToken');
  const earlier = clientToken === undefined ? [] : regional(ctx, 'ec2-instance').filter((i) => i.launch?.clientToken === clientToken);
  // Same ClientToken again (e.g. an SDK retry after a lost reply): the first launch's reservation, no new instances.
  const instances = earlier.length > 0 ? earlier : launch(params, ctx, Math.min(maxCount, available), clientToken);
  const reservationId = instances[0]!.launch!.reservationId;
  return [
    el('reservationId', reservationId),
    el('ownerId', ctx.accountId),
    itemSet(
      'instancesSet',
      instances.map((instance) => {
        const elements = instanceElements(instance, ctx.account);
        // A fresh instance is reported as pending, as EC2 does; it is running on the next call.
        return earlier.length > 0 ? elements : elements.map((e) => (e?.name === 'instanceState' ? pendingState() : e));
      }),
    ),
  ];
}

function pendingState(): XmlElement {
  return el('instanceState', [el('code', 0), el('name', 'pending')]);
}

function launch(params: Ec2Params, ctx: SandboxServiceContext, count: number, clientToken: string | undefined): SourceResource[] {
  const instanceTags: Record<string, string> = {};
  const volumeTags: Record<string, string> = {};
  for (const spec of params.structures('TagSpecification')) {
    const type = spec.get('ResourceType');
    if (type === 'instance') Object.assign(instanceTags, spec.tags());
    else if (type === 'volume') Object.assign(volumeTags, spec.tags());
  }
  const rootSize = params
    .structures('BlockDeviceMapping')
    .map((mapping) => mapping.integer('Ebs.VolumeSize'))
    .find((size) => size !== undefined);
  const launched: SourceResource[] = [];
  for (let index = 0; index < count; index++) {
    const instance = launchInstance(ctx, undefined, {
      imageId: params.get('ImageId'),
      instanceType: params.get('InstanceType') ?? 'm1.small',
      availabilityZone: params.get('Placement.AvailabilityZone'),
      tags: instanceTags,
      volumeTags,
      rootVolumeSizeGiB: rootSize,
      reservationId: launched[0]?.launch?.reservationId,
      launchIndex: index,
      clientToken,
    });
    launched.push(instance);
  }
  return launched;
}

function requiredCount(params: Ec2Params, key: 'MinCount' | 'MaxCount'): number {
  params.require(key);
  const value = params.integer(key)!;
  if (value < 1) throw new Ec2Error('InvalidParameterValue', `Invalid value '${value}' for ${key}. It must be at least 1.`);
  return value;
}

/** The instances named by InstanceId.N, all of which must exist in the request's region. */
function namedInstances(params: Ec2Params, ctx: SandboxServiceContext): SourceResource[] {
  const ids = params.list('InstanceId');
  if (ids.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter InstanceId');
  checkInstanceIds(ids);
  const instances = regional(ctx, 'ec2-instance');
  const missing = ids.filter((id) => !instances.some((i) => i.id === id));
  if (missing.length > 0) throw instancesNotFound(missing);
  return ids.map((id) => instances.find((i) => i.id === id)!);
}

function stateChangeReply(changes: StateChange[]): (XmlElement | undefined)[] {
  return [itemSet('instancesSet', stateChangeItems(changes))];
}

export function stopInstances(params: Ec2Params, ctx: SandboxServiceContext): (XmlElement | undefined)[] {
  const instances = namedInstances(params, ctx);
  for (const instance of instances) {
    if (instance.state === 'terminated' || instance.state === 'shutting-down') {
      throw new Ec2Error('IncorrectInstanceState', `This instance '${instance.id}' is not in a state from which it can be stopped.`);
    }
  }
  return stateChangeReply(instances.map((i) => stopInstance(i, ctx.now)));
}

export function startInstances(params: Ec2Params, ctx: SandboxServiceContext): (XmlElement | undefined)[] {
  const instances = namedInstances(params, ctx);
  for (const instance of instances) {
    if (instance.state === 'terminated' || instance.state === 'shutting-down' || instance.state === 'stopping') {
      throw new Ec2Error('IncorrectInstanceState', `The instance '${instance.id}' is not in a state from which it can be started.`);
    }
  }
  return stateChangeReply(instances.map((i) => startInstance(i)));
}

export function terminateInstances(params: Ec2Params, ctx: SandboxServiceContext): (XmlElement | undefined)[] {
  const instances = namedInstances(params, ctx);
  return stateChangeReply(instances.map((i) => terminateInstance(ctx.account, i, ctx.now)));
}
