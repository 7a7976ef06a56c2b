// The XML shapes of EC2 instances and volumes, with the element names the SDK's EC2 deserializer
// reads (ec2QueryName/xmlName in @aws-sdk/client-ec2's schemas: instanceState, tagSet,
// blockDeviceMapping, attachmentSet, …).
import type { InventoryHolder, SourceResource } from '../inventory.js';
import { instanceNetworkElements, privateDnsName } from './network.js';
import { INSTANCE_STATE_CODES, ROOT_DEVICE, attachedVolumes, newReservationId, type StateChange } from './model.js';
import { el, type XmlElement } from '../xml.js';
import { itemSet, tagSet } from './xml.js';

function stateElement(name: string, state: string): XmlElement {
  return el(name, [el('code', INSTANCE_STATE_CODES[state] ?? 0), el('name', state)]);
}

export function instanceElements(instance: SourceResource, holder: InventoryHolder): (XmlElement | undefined)[] {
  const volumes = attachedVolumes(holder, instance);
  return [
    el('instanceId', instance.id),
    el('imageId', instance.launch?.imageId),
    stateElement('instanceState', instance.state),
    el('privateDnsName', instance.state === 'terminated' ? '' : privateDnsName(instance)),
    el('dnsName', ''),
    el('reason', instance.stateReason ?? ''),
    el('amiLaunchIndex', instance.launch?.launchIndex ?? 0),
    el('instanceType', instance.instanceType),
    el('launchTime', instance.createdAt),
    el('placement', [el('availabilityZone', instance.availabilityZone), el('groupName', ''), el('tenancy', 'default')]),
    el('monitoring', [el('state', 'disabled')]),
    el('rootDeviceType', 'ebs'),
    el('rootDeviceName', ROOT_DEVICE),
    itemSet(
      'blockDeviceMapping',
      volumes.map((volume) => [
        el('deviceName', volume.attachedTo?.device),
        el('ebs', [
          el('volumeId', volume.id),
          el('status', 'attached'),
          el('attachTime', volume.attachedTo?.attachedAt ?? volume.createdAt),
          el('deleteOnTermination', volume.attachedTo?.deleteOnTermination ?? false),
        ]),
      ]),
    ),
    el('clientToken', instance.launch?.clientToken),
    el('architecture', 'x86_64'),
    el('virtualizationType', 'hvm'),
    el('hypervisor', 'xen'),
    el('ebsOptimized', false),
    ...instanceNetworkElements(instance),
    tagSet(instance.tags),
  ];
}

/** Instances grouped into their reservations, keeping the order of first appearance. */
export function reservationItems(
  instances: readonly SourceResource[],
  holder: InventoryHolder,
  ownerId: string,
): (XmlElement | undefined)[][] {
  const groups = new Map<string, SourceResource[]>();
  for (const instance of instances) {
    const key = instance.launch?.reservationId ?? newReservationId(instance);
    groups.set(key, [...(groups.get(key) ?? []), instance]);
  }
  return [...groups].map(([reservationId, members]) => reservationElements(reservationId, ownerId, members, holder));
}

export function reservationElements(
  reservationId: string,
  ownerId: string,
  instances: readonly SourceResource[],
  holder: InventoryHolder,
): (XmlElement | undefined)[] {
  return [
    el('reservationId', reservationId),
    el('ownerId', ownerId),
    itemSet('instancesSet', instances.map((i) => instanceElements(i, holder))),
  ];
}

export function volumeElements(volume: SourceResource): (XmlElement | undefined)[] {
  const attachment = volume.attachedTo;
  return [
    el('volumeId', volume.id),
    el('size', volume.sizeGiB),
    el('snapshotId', ''),
    el('availabilityZone', volume.availabilityZone),
    el('status', volume.state),
    el('createTime', volume.createdAt),
    itemSet(
      'attachmentSet',
      attachment === undefined
        ? []
        : [
            [
              el('volumeId', volume.id),
              el('instanceId', attachment.instanceId),
              el('device', attachment.device),
              el('status', 'attached'),
              el('attachTime', attachment.attachedAt ?? volume.createdAt),
              el('deleteOnTermination', attachment.deleteOnTermination),
            ],
          ],
    ),
    el('volumeType', volume.volumeType ?? 'gp3'),
    el('encrypted', false),
    el('multiAttachEnabled', false),
    tagSet(volume.tags),
  ];
}

export function stateChangeItems(changes: readonly StateChange[]): (XmlElement | undefined)[][] {
  return changes.map((change) => [
    el('instanceId', change.instanceId),
    stateElement('currentState', change.reported),
    stateElement('previousState', change.previous),
  ]);
}
