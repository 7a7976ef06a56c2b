// The inventories the configuration itself declares, and which resource types reading an account
// must list for the policies' resource controls.
import { expect } from 'chai';
import { inventoryTypesNeeded, sourceBlockResources } from '../../src/policy/inventory.js';
import type { ProviderConfig } from '../../src/config/model.js';
import type { ObjectValue } from '../../src/core/values.js';
import { line, policy, sandboxProvider } from './builders.js';

describe('policy inventory', () => {
  it('needs no resource type without a resource control, the named types, or all when one names none', () => {
    const plans = policy([['backup_plan_min_frequency_and_min_retention', {}]]);
    expect([...(inventoryTypesNeeded({ policies: [plans] }) as Set<string>)]).to.deep.equal([]);
    const named = policy([
      ['resources_protected_by_backup_plan', { resource_types: ['EC2', 'RDS'] }],
      ['resources_protected_by_backup_vault_lock', { resource_types: ['EFS'] }],
    ]);
    expect([...(inventoryTypesNeeded({ policies: [plans, named] }) as Set<string>)].sort()).to.deep.equal(['EC2', 'EFS', 'RDS']);
    const unscoped = policy([['last_recovery_point_created', { resource_ids: ['i-0a1b2c3d4e5f60001'] }]]);
    expect(inventoryTypesNeeded({ policies: [named, unscoped] })).to.equal('all');
  });

  it('types source blocks by their ARN, and DocumentDB clusters as DocumentDB', () => {
    const provider: ProviderConfig = {
      ...sandboxProvider,
      attributes: {
        ...sandboxProvider.attributes,
        source: <ObjectValue[]>[
          { type: 'aurora-cluster', name: 'ledger' },
          { type: 'docdb-cluster', name: 'catalog' },
          { type: 'ebs-volume', name: 'data', id: 'vol-0123456789abcdef0' },
          { type: 'vm', name: 'legacy' },
        ],
      },
      ranges: new Map([['/source/1', line(3)]]),
    };
    expect(sourceBlockResources(provider).map((r) => [r.type, r.arn])).to.deep.equal([
      ['Aurora', 'arn:aws:rds:eu-west-1:123456789012:cluster:ledger'],
      ['DocumentDB', 'arn:aws:rds:eu-west-1:123456789012:cluster:catalog'],
      ['EBS', 'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123456789abcdef0'],
      ['VirtualMachine', 'arn:aws:backup-gateway:eu-west-1:123456789012:vm/(vm "legacy")'],
    ]);
  });
});
