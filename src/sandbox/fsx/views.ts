// The JSON shapes of FSx file systems and FSx for ONTAP volumes, as DescribeFileSystems and
// DescribeVolumes return them. The sandbox's `fsx` file systems are FSx for ONTAP, the one type
// whose volumes it models. FSx volumes have no UPDATING lifecycle: a volume being modified stays
// AVAILABLE with a VOLUME_UPDATE administrative action in progress, and a file system being updated
// is UPDATING with a FILE_SYSTEM_UPDATE one.
import { createHash } from 'node:crypto';
import { regionOf, type SourceResource } from '../inventory.js';

function hex(resource: SourceResource, purpose: string, length: number): string {
  return createHash('sha256').update(`${purpose}:${resource.arn}`).digest('hex').slice(0, length);
}

function tags(resource: SourceResource): Array<{ Key: string; Value: string }> {
  return Object.entries(resource.tags).map(([Key, Value]) => ({ Key, Value }));
}

function epochSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

function updateInProgress(resource: SourceResource, type: 'FILE_SYSTEM_UPDATE' | 'VOLUME_UPDATE'): Array<Record<string, unknown>> | undefined {
  if (resource.state !== 'UPDATING') return undefined;
  return [{ AdministrativeActionType: type, Status: 'IN_PROGRESS', ProgressPercent: 0, RequestTime: epochSeconds(resource.createdAt) }];
}

export function fileSystemView(fs: SourceResource, ownerId: string): Record<string, unknown> {
  const region = regionOf(fs);
  const view: Record<string, unknown> = {
    OwnerId: ownerId,
    CreationTime: epochSeconds(fs.createdAt),
    FileSystemId: fs.id,
    FileSystemType: 'ONTAP',
    Lifecycle: fs.state,
    StorageCapacity: fs.sizeGiB,
    StorageType: 'SSD',
    VpcId: `vpc-${hex(fs, 'vpc', 17)}`,
    SubnetIds: [`subnet-${hex(fs, 'subnet', 17)}`],
    NetworkInterfaceIds: [`eni-${hex(fs, 'eni', 17)}`],
    ResourceARN: fs.arn,
    Tags: tags(fs),
    OntapConfiguration: {
      AutomaticBackupRetentionDays: 0,
      DeploymentType: 'SINGLE_AZ_1',
      Endpoints: { Management: { DNSName: `management.${fs.id}.fsx.${region}.amazonaws.com`, IpAddresses: ['10.0.0.10'] } },
      PreferredSubnetId: `subnet-${hex(fs, 'subnet', 17)}`,
      ThroughputCapacity: 128,
      WeeklyMaintenanceStartTime: '1:05:00',
      HAPairs: 1,
      ThroughputCapacityPerHAPair: 128,
    },
    FileSystemTypeVersion: 'ONTAP 9.15.1',
    NetworkType: 'IPV4',
  };
  const actions = updateInProgress(fs, 'FILE_SYSTEM_UPDATE');
  if (actions !== undefined) view['AdministrativeActions'] = actions;
  return view;
}

/** The storage virtual machine a volume belongs to (one per volume in the sandbox). */
export function storageVirtualMachineId(volume: SourceResource): string {
  return `svm-${hex(volume, 'svm', 17)}`;
}

export function volumeView(volume: SourceResource): Record<string, unknown> {
  const megabytes = volume.sizeGiB * 1024;
  const type = volume.ontapVolumeType ?? 'RW';
  const view: Record<string, unknown> = {
    CreationTime: epochSeconds(volume.createdAt),
    FileSystemId: volume.fileSystemId,
    Lifecycle: volume.state === 'UPDATING' ? 'AVAILABLE' : volume.state,
    Name: volume.name,
    OntapConfiguration: {
      FlexCacheEndpointType: 'NONE',
      // Data-protection volumes are not mounted in the namespace.
      JunctionPath: type === 'DP' ? undefined : `/${volume.name}`,
      SecurityStyle: 'UNIX',
      SizeInMegabytes: megabytes,
      SizeInBytes: megabytes * 2 ** 20,
      StorageEfficiencyEnabled: true,
      StorageVirtualMachineId: storageVirtualMachineId(volume),
      StorageVirtualMachineRoot: false,
      TieringPolicy: { Name: 'NONE' },
      UUID: [8, 4, 4, 4, 12].map((n, i) => hex(volume, `uuid${i}`, n)).join('-'),
      OntapVolumeType: type,
      SnapshotPolicy: 'default',
      CopyTagsToBackups: false,
      VolumeStyle: 'FLEXVOL',
    },
    ResourceARN: volume.arn,
    Tags: tags(volume),
    VolumeId: volume.id,
    VolumeType: 'ONTAP',
  };
  const actions = updateInProgress(volume, 'VOLUME_UPDATE');
  if (actions !== undefined) view['AdministrativeActions'] = actions;
  return view;
}
