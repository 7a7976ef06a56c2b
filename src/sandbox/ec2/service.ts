// The sandbox's EC2 service (query protocol, XML): enough of EC2 for bkp's source checks and for
// tests and users to change the inventory through the SDK. Instances and volumes are entries of
// the account's inventory, the same data `bkp sandbox resource` shows.
import { randomUUID } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import type { SandboxServiceContext } from '../service-context.js';
import { Ec2Error, ec2ErrorResponse } from './errors.js';
import { parseEc2Params, type Ec2Params } from './query.js';
import { describeInstances, describeVolumes } from './describe.js';
import { createTags, createVolumeAction, deleteTags, deleteVolumeAction } from './volume-actions.js';
import { runInstances, startInstances, stopInstances, terminateInstances } from './instance-actions.js';
import type { XmlElement } from '../xml.js';
import { ec2Document } from './xml.js';

/** One EC2 action: reads its parameters, changes the account if it must, returns the reply's elements. */
export type Ec2Action = (params: Ec2Params, ctx: SandboxServiceContext) => (XmlElement | undefined)[];

const ACTIONS: Record<string, { run: Ec2Action; mutates: boolean }> = {
  DescribeInstances: { run: describeInstances, mutates: false },
  DescribeVolumes: { run: describeVolumes, mutates: false },
  RunInstances: { run: runInstances, mutates: true },
  StartInstances: { run: startInstances, mutates: true },
  StopInstances: { run: stopInstances, mutates: true },
  TerminateInstances: { run: terminateInstances, mutates: true },
  CreateVolume: { run: createVolumeAction, mutates: true },
  DeleteVolume: { run: deleteVolumeAction, mutates: true },
  CreateTags: { run: createTags, mutates: true },
  DeleteTags: { run: deleteTags, mutates: true },
};

export const EC2_ACTIONS: readonly string[] = Object.keys(ACTIONS);

export function handleEc2Request(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  try {
    const params = parseEc2Params(req);
    const actionName = params.get('Action');
    if (actionName === undefined || actionName === '') {
      throw new Ec2Error('MissingAction', 'The request must contain the parameter Action');
    }
    const action = ACTIONS[actionName];
    if (action === undefined) {
      throw new Ec2Error('InvalidAction', `The action ${actionName} is not valid for this web service.`);
    }
    if (params.boolean('DryRun')) {
      // The sandbox grants every permission, so a dry run always "would have succeeded".
      throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
    }
    const children = action.run(params, ctx);
    if (action.mutates) ctx.markChanged();
    const xml = ec2Document(actionName, randomUUID(), children);
    return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: new TextEncoder().encode(xml) };
  } catch (error) {
    if (error instanceof Ec2Error) return ec2ErrorResponse(error);
    throw error;
  }
}
