// `bkp jobs --type`: which kinds of job are listed, and which copy and restore jobs concern the
// configuration (a managed vault at either end, a managed plan's copy action, a managed restore test).
import { expect } from 'chai';
import { concernedRestoreJobs, copyConcerns, jobTypesOf, managedScope, restoreConcerns } from '../../src/app/job-types.js';
import type { ProviderClients } from '../../src/app/providers.js';
import type { CopyJobFacts } from '../../src/domain/job-facts.js';
import type { RestoreJobFacts } from '../../src/domain/job-facts.js';
import { UserError } from '../../src/core/errors.js';
import { newState, type StateResource } from '../../src/state/model.js';

const vaultArn = (region: string, name: string) => `arn:aws:backup:${region}:123456789012:backup-vault:${name}`;

function resource(kind: string, name: string, id: string, provider: string, attributes: Record<string, unknown> = {}): StateResource {
  return { address: `${kind}.${name}`, kind, name, id, provider, attributes, dependencies: [] } as unknown as StateResource;
}

const doc = {
  ...newState('test'),
  resources: [
    resource('backup_vault', 'main', 'main', 'sandbox', { arn: vaultArn('eu-west-1', 'main') }),
    resource('backup_vault', 'dr', 'dr', 'sandbox.dr', { arn: vaultArn('us-west-2', 'dr') }),
    resource('backup_plan', 'daily', 'plan-1', 'sandbox', { arn: 'arn:aws:backup:eu-west-1:123456789012:backup-plan:plan-1' }),
    resource('restore_testing_plan', 'weekly', 'weekly', 'sandbox', { arn: 'arn:aws:backup:eu-west-1:123456789012:restore-testing-plan:weekly-abc' }),
  ],
};

const copy = (extra: Partial<CopyJobFacts>): CopyJobFacts => ({ type: 'copy', jobId: 'C', state: 'COMPLETED', resourceArn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-1', vault: 'x', destinationVaultArn: vaultArn('us-west-2', 'elsewhere'), ...extra });
const restore = (extra: Partial<RestoreJobFacts>): RestoreJobFacts => ({ type: 'restore', jobId: 'R', state: 'COMPLETED', resourceArn: '', vault: 'x', ...extra });

describe('app/job-types: bkp jobs --type', () => {
  it('lists backup and copy jobs by default, one kind with --type, and refuses other kinds', () => {
    expect(jobTypesOf(undefined)).to.deep.equal(['backup', 'copy']);
    expect(jobTypesOf('restore')).to.deep.equal(['restore']);
    expect(() => jobTypesOf('snapshot')).to.throw(UserError, '--type=snapshot is not a kind of job');
  });

  it('keeps the copies from or to a managed vault, or made by a managed plan, and nothing else', () => {
    const scope = managedScope(doc, 'sandbox');
    expect(scope.providers).to.deep.equal(['sandbox', 'sandbox.dr']);
    expect(copyConcerns(scope, copy({ sourceVaultArn: vaultArn('eu-west-1', 'main') }))).to.equal(true);
    expect(copyConcerns(scope, copy({ sourceVaultArn: vaultArn('eu-west-1', 'other'), destinationVaultArn: vaultArn('us-west-2', 'dr') }))).to.equal(true);
    expect(copyConcerns(scope, copy({ sourceVaultArn: vaultArn('eu-west-1', 'other'), planId: 'plan-1' }))).to.equal(true);
    expect(copyConcerns(scope, copy({ sourceVaultArn: vaultArn('eu-west-1', 'other'), planId: 'plan-2' }))).to.equal(false);
    // Same name in another region is another vault.
    expect(copyConcerns(scope, copy({ sourceVaultArn: vaultArn('eu-central-1', 'main') }))).to.equal(false);
  });

  it('keeps the restores of a managed vault\'s points or of a managed restore testing plan', () => {
    const scope = managedScope(doc, 'sandbox');
    expect(restoreConcerns(scope, restore({ vaultArn: vaultArn('eu-west-1', 'main') }))).to.equal(true);
    expect(restoreConcerns(scope, restore({ restoreTestingPlanArn: 'arn:aws:backup:eu-west-1:123456789012:restore-testing-plan:weekly-abc' }))).to.equal(true);
    expect(restoreConcerns(scope, restore({ vaultArn: vaultArn('eu-west-1', 'other') }))).to.equal(false);
  });

  it('says clearly when an endpoint cannot list restore jobs (UnknownOperationException)', async () => {
    const unknown = Object.assign(new Error('The sandbox does not implement GET /restore-jobs/ of AWS Backup.'), { name: 'UnknownOperationException' });
    const clients = { backup: async () => ({ send: async () => Promise.reject(unknown) }) } as unknown as ProviderClients;
    try {
      await concernedRestoreJobs(clients, managedScope(doc, 'sandbox'));
      expect.fail('listing restore jobs should fail');
    } catch (e) {
      expect(e).to.be.instanceOf(UserError);
      expect((e as UserError).message).to.equal('Provider "sandbox" does not answer ListRestoreJobs: The sandbox does not implement GET /restore-jobs/ of AWS Backup.');
      expect((e as UserError).hint).to.include('--type=backup');
    }
  });

  it('lists in the default provider when the state manages nothing yet', () => {
    expect(managedScope(newState('test'), 'aws').providers).to.deep.equal(['aws']);
  });
});
