// region_settings through refresh, plan and apply on the sandbox: only the resource types the
// configuration names are managed, drift is repaired, and destroy forgets without turning anything off.
import { expect } from 'chai';
import { DescribeRegionSettingsCommand, UpdateRegionSettingsCommand } from '@aws-sdk/client-backup';
import { REGION, sandboxFixture, type SandboxFixture } from '../../sandbox/fixture.js';
import { settingsRun } from '../settings-engine.js';

describe('region_settings on the sandbox', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  const optIn = async () => (await sb.client.send(new DescribeRegionSettingsCommand({}))).ResourceTypeOptInPreference!;
  const actions = (plan: { changes: { action: string }[] }) => plan.changes.map((c) => c.action);

  it('creates by setting the configured types, records only them, and plans no change next time', async () => {
    const bkp = settingsRun(sb);
    const config = { 'region_settings.main': { resource_type_opt_in_preference: { DynamoDB: false, DSQL: true }, resource_type_management_preference: { DynamoDB: false } } };
    expect(actions(await bkp.run(config))).to.deep.equal(['create']);
    expect(await optIn()).to.include({ DynamoDB: false, DSQL: true, EC2: true, 'Redshift Serverless': false });
    const recorded = bkp.state().resources[0]!;
    expect(recorded.id).to.equal(REGION);
    expect(recorded.attributes).to.deep.equal({ resource_type_opt_in_preference: { DSQL: true, DynamoDB: false }, resource_type_management_preference: { DynamoDB: false } });
    const again = await bkp.run(config);
    expect(actions(again)).to.deep.equal(['no-op']);
    expect(again.drift).to.deep.equal([]);
  });

  it('changes a preference in place and never touches the types the configuration does not name', async () => {
    const bkp = settingsRun(sb);
    await bkp.run({ 'region_settings.main': { resource_type_opt_in_preference: { DynamoDB: false } } });
    // Someone opts out of S3 and EFS behind bkp's back: not managed, so not drift, not repaired.
    await sb.client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { S3: false, EFS: false } }));
    const plan = await bkp.run({ 'region_settings.main': { resource_type_opt_in_preference: { DynamoDB: true } } });
    expect(actions(plan)).to.deep.equal(['update']);
    expect(plan.changes[0]!.before).to.deep.include({ resource_type_opt_in_preference: { DynamoDB: false } });
    expect(plan.changes[0]!.after).to.deep.include({ resource_type_opt_in_preference: { DynamoDB: true } });
    expect(await optIn()).to.include({ DynamoDB: true, S3: false, EFS: false });
  });

  it('shows a managed type changed outside bkp as drift and sets it back', async () => {
    const bkp = settingsRun(sb);
    const config = { 'region_settings.main': { resource_type_opt_in_preference: { RDS: true } } };
    await bkp.run(config);
    await sb.client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { RDS: false } }));
    const plan = await bkp.run(config);
    expect(plan.drift.map((d) => d.address)).to.deep.equal(['region_settings.main']);
    expect(actions(plan)).to.deep.equal(['update']);
    expect(await optIn()).to.include({ RDS: true });
  });

  it('forgets a type the configuration stops naming, without switching it back', async () => {
    const bkp = settingsRun(sb);
    await bkp.run({ 'region_settings.main': { resource_type_opt_in_preference: { DynamoDB: false, DSQL: true } } });
    const plan = await bkp.run({ 'region_settings.main': { resource_type_opt_in_preference: { DSQL: true } } });
    // Not a change to make: nothing is sent, and the state stops recording the type.
    expect(actions(plan)).to.deep.equal(['no-op']);
    expect(plan.drift).to.deep.equal([]);
    expect(bkp.state().resources[0]!.attributes).to.deep.include({ resource_type_opt_in_preference: { DSQL: true } });
    expect(await optIn()).to.include({ DynamoDB: false, DSQL: true });
    // No longer managed: a change behind bkp's back is the account's business.
    await sb.client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { DynamoDB: true } }));
    const next = await bkp.run({ 'region_settings.main': { resource_type_opt_in_preference: { DSQL: true } } });
    expect([actions(next), next.drift]).to.deep.equal([['no-op'], []]);
    // Naming a type again (or a new one) manages it from then on, without a false drift.
    const added = await bkp.run({ 'region_settings.main': { resource_type_opt_in_preference: { DSQL: true, S3: false } } });
    expect([actions(added), added.drift]).to.deep.equal([['update'], []]);
    expect(await optIn()).to.include({ S3: false, DynamoDB: true });
  });

  it('destroys by forgetting: the plan says so and the account keeps its settings', async () => {
    const bkp = settingsRun(sb);
    await bkp.run({ 'region_settings.main': { resource_type_opt_in_preference: { DynamoDB: false, DSQL: true } } });
    const plan = await bkp.run({});
    expect(actions(plan)).to.deep.equal(['delete']);
    expect(plan.changes[0]!.reason).to.include('destroying region_settings only stops bkp managing them; the account keeps its settings');
    expect(bkp.state().resources).to.deep.equal([]);
    expect(await optIn()).to.include({ DynamoDB: false, DSQL: true });
  });
});
