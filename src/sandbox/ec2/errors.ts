// EC2's errors: a code such as `InvalidInstanceID.NotFound`, a message, and an HTTP status
// (400 for client errors), written as EC2's `<Response><Errors><Error>` XML document.
import { randomUUID } from 'node:crypto';
import type { SandboxResponse } from '../protocol.js';
import { xmlEscape } from '../xml.js';

export class Ec2Error extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'Ec2Error';
    this.code = code;
    this.status = status;
  }
}

export function ec2ErrorResponse(error: Ec2Error): SandboxResponse {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error></Errors>` +
    `<RequestID>${randomUUID()}</RequestID></Response>`;
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: new TextEncoder().encode(xml),
  };
}

/** EC2 names a missing id differently with one id or several. */
export function instancesNotFound(ids: readonly string[]): Ec2Error {
  return ids.length === 1
    ? new Ec2Error('InvalidInstanceID.NotFound', `The instance ID '${ids[0]}' does not exist`)
    : new Ec2Error('InvalidInstanceID.NotFound', `The instance IDs '${ids.join(', ')}' do not exist`);
}

export function volumesNotFound(ids: readonly string[]): Ec2Error {
  return ids.length === 1
    ? new Ec2Error('InvalidVolume.NotFound', `The volume '${ids[0]}' does not exist.`)
    : new Ec2Error('InvalidVolume.NotFound', `The volumes '${ids.join(', ')}' do not exist.`);
}

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const VOLUME_ID = /^vol-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function checkInstanceIds(ids: readonly string[]): void {
  for (const id of ids) {
    if (!INSTANCE_ID.test(id)) throw new Ec2Error('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  }
}

export function checkVolumeIds(ids: readonly string[]): void {
  for (const id of ids) {
    if (!VOLUME_ID.test(id)) throw new Ec2Error('InvalidVolumeID.Malformed', `Invalid id: "${id}" (expecting "vol-...")`);
  }
}
