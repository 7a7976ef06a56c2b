// The network identity of a sandbox instance: the region's default VPC, the default subnet of its
// Availability Zone, the VPC's default security group and one primary network interface. All ids
// and addresses are derived from the account, region, zone and instance id, so every call answers
// the same values and two instances in one zone share their VPC and subnet, as in a default VPC.
import { createHash } from 'node:crypto';
import { accountOf, regionOf, type SourceResource } from '../inventory.js';
import { el, type XmlElement } from '../xml.js';
import { itemSet } from './xml.js';

export interface InstanceNetwork {
  vpcId: string;
  subnetId: string;
  securityGroupId: string;
  networkInterfaceId: string;
  attachmentId: string;
  macAddress: string;
  privateIpAddress: string;
  privateDnsName: string;
}

// Every DescribeInstances derives the ids of every instance again: each is hashed once and kept.
// The bound keeps a long `bkp sandbox serve` from holding the ids of every instance it ever saw.
const hexes = new Map<string, string>();
const MAX_KEPT_HEXES = 10_000;

function hexOf(text: string, length: number): string {
  const key = `${length}:${text}`;
  let hex = hexes.get(key);
  if (hex === undefined) {
    if (hexes.size >= MAX_KEPT_HEXES) hexes.clear();
    hex = createHash('sha256').update(text).digest('hex').slice(0, length);
    hexes.set(key, hex);
  }
  return hex;
}

/** Octets of the private address, taken from the instance id as the private DNS name always was. */
function addressOctets(instance: SourceResource): [number, number, number] {
  const hex = instance.id.slice(2);
  const octet = (i: number) => parseInt(hex.slice(i * 2, i * 2 + 2), 16) || 1;
  return [octet(0), octet(1), octet(2)];
}

export function privateDnsName(instance: SourceResource): string {
  const [a, b, c] = addressOctets(instance);
  const region = regionOf(instance);
  const domain = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  return `ip-10-${a}-${b}-${c}.${domain}`;
}

export function instanceNetwork(instance: SourceResource): InstanceNetwork {
  const scope = `${accountOf(instance)}/${regionOf(instance)}`;
  const zone = instance.availabilityZone ?? `${regionOf(instance)}a`;
  const mac = hexOf(`eni/${instance.id}`, 10).match(/../g)!;
  return {
    vpcId: `vpc-${hexOf(`vpc/${scope}`, 17)}`,
    subnetId: `subnet-${hexOf(`subnet/${scope}/${zone}`, 17)}`,
    securityGroupId: `sg-${hexOf(`sg/${scope}`, 17)}`,
    networkInterfaceId: `eni-${hexOf(`eni/${instance.id}`, 17)}`,
    attachmentId: `eni-attach-${hexOf(`attach/${instance.id}`, 17)}`,
    macAddress: ['0e', ...mac].join(':'),
    privateIpAddress: `10.${addressOctets(instance).join('.')}`,
    privateDnsName: privateDnsName(instance),
  };
}

const DEFAULT_GROUP_NAME = 'default';

function groupSet(network: InstanceNetwork): XmlElement {
  return itemSet('groupSet', [[el('groupId', network.securityGroupId), el('groupName', DEFAULT_GROUP_NAME)]]);
}

/**
 * The network members of an Instance in EC2's XML (vpcId, subnetId, privateIpAddress, groupSet,
 * networkInterfaceSet). A terminated instance has released its interface and reports none of them.
 */
export function instanceNetworkElements(instance: SourceResource): (XmlElement | undefined)[] {
  if (instance.state === 'terminated') return [];
  const network = instanceNetwork(instance);
  return [
    el('subnetId', network.subnetId),
    el('vpcId', network.vpcId),
    el('privateIpAddress', network.privateIpAddress),
    groupSet(network),
    el('sourceDestCheck', true),
    itemSet('networkInterfaceSet', [
      [
        el('networkInterfaceId', network.networkInterfaceId),
        el('subnetId', network.subnetId),
        el('vpcId', network.vpcId),
        el('description', ''),
        el('ownerId', accountOf(instance)),
        el('status', 'in-use'),
        el('macAddress', network.macAddress),
        el('privateIpAddress', network.privateIpAddress),
        el('privateDnsName', network.privateDnsName),
        el('sourceDestCheck', true),
        groupSet(network),
        el('attachment', [
          el('attachmentId', network.attachmentId),
          el('deviceIndex', 0),
          el('status', 'attached'),
          el('attachTime', instance.createdAt),
          el('deleteOnTermination', true),
          el('networkCardIndex', 0),
        ]),
        itemSet('privateIpAddressesSet', [
          [el('privateIpAddress', network.privateIpAddress), el('privateDnsName', network.privateDnsName), el('primary', true)],
        ]),
        el('interfaceType', 'interface'),
      ],
    ]),
  ];
}
