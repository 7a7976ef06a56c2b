import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { expect } from 'chai';
import { UNKNOWN } from '../../src/core/values.js';
import type { Plan } from '../../src/engine/plan-model.js';
import { planToJson, type PlanJson } from '../../src/render/plan-json.js';
import {
  dailyRule,
  makePlan,
  planState,
  prior,
  resourceConfig,
  selectionDesired,
  selectionState,
  vaultAttrs,
  vaultState,
} from './plan-fixtures.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/plan.schema.json', import.meta.url), 'utf8')) as object;
const validate: ValidateFunction = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** The document as a consumer reads it: serialised, parsed, and checked against the schema. */
function document(plan: Plan, opts?: Parameters<typeof planToJson>[1]): PlanJson {
  const parsed = JSON.parse(JSON.stringify(planToJson(plan, opts))) as PlanJson;
  const ok = validate(parsed);
  expect(ok, JSON.stringify(validate.errors, null, 2)).to.equal(true);
  return parsed;
}

function entry(doc: PlanJson, address: string) {
  const found = doc.resource_changes.find((r) => r.address === address);
  expect(found, `a resource change for ${address}`).to.not.equal(undefined);
  return found!;
}

describe('planToJson', () => {
  it('describes a create like terraform show -json: unknowns left out of after and flagged', () => {
    const doc = document(makePlan({ desired: [resourceConfig('backup_vault.main', vaultAttrs())] }));
    expect(doc.format_version).to.equal('1.0');
    expect(doc.mode).to.equal('normal');
    const change = entry(doc, 'backup_vault.main');
    expect(change).to.deep.include({ address: 'backup_vault.main', mode: 'managed', type: 'backup_vault', name: 'main', provider_name: 'sandbox' });
    expect(change.change.actions).to.deep.equal(['create']);
    expect(change.change.before).to.equal(null);
    expect(change.change.after).to.deep.equal({ name: 'main', tags: { team: 'infra' } });
    // As in Terraform, known nested values stay as empty markers; known primitives are left out.
    expect(change.change.after_unknown).to.deep.equal({ arn: true, recovery_points: true, locked: true, lock_date: true, kms_key_arn: true, tags: {} });
    expect(change.change.before_sensitive).to.equal(false);
    expect(change.change.after_sensitive).to.deep.equal({ tags: {} });
    expect(change.change).to.not.have.property('replace_paths');
    expect(doc.summary).to.deep.equal({ add: 1, change: 0, destroy: 0, jobs: 0, import: 0 });
    expect(doc).to.include({ applyable: true, complete: true, errored: false });
  });

  it('orders the two steps of a replacement and says why with Terraform codes', () => {
    const doc = document(
      makePlan({
        desired: [
          resourceConfig('backup_plan.standard', { name: 'renamed', rule: [dailyRule] }),
          resourceConfig('backup_selection.prod', selectionDesired({ plan: UNKNOWN })),
          resourceConfig('backup_vault.main', vaultAttrs()),
        ],
        prior: [
          prior('backup_plan.standard', 'p-1', planState([dailyRule])),
          prior('backup_selection.prod', 's-1', selectionState()),
          prior('backup_vault.main', 'main', vaultState()),
        ],
        replace: ['backup_vault.main'],
      }),
    );
    const plan = entry(doc, 'backup_plan.standard');
    expect(plan.change.actions).to.deep.equal(['create', 'delete']);
    expect(plan.change.replace_paths).to.deep.equal([['name']]);
    expect(plan.action_reason).to.equal('replace_because_cannot_update');
    const selection = entry(doc, 'backup_selection.prod');
    expect(selection.change.actions).to.deep.equal(['delete', 'create']);
    expect(selection.reason).to.equal('must be replaced: backup selections cannot be updated');
    expect(selection.change.after).to.not.have.property('plan');
    expect(selection.change.after_unknown).to.deep.include({ plan: true, id: true });
    const vault = entry(doc, 'backup_vault.main');
    expect(vault.change.actions).to.deep.equal(['delete', 'create']);
    expect(vault.action_reason).to.equal('replace_by_request');
    expect(doc.summary).to.deep.equal({ add: 3, change: 0, destroy: 3, jobs: 0, import: 0 });
  });

  it('lists no-ops, updates and deletes, with after_unknown trees through nested lists', () => {
    const doc = document(
      makePlan({
        desired: [
          resourceConfig('backup_vault.main', vaultAttrs()),
          resourceConfig('backup_plan.standard', { name: 'standard', rule: [{ ...dailyRule, target_vault: UNKNOWN }] }),
        ],
        prior: [prior('backup_vault.main', 'main', vaultState()), prior('backup_vault.old', 'old', vaultState({ name: 'old' }))],
      }),
    );
    expect(doc.resource_changes.map((r) => [r.address, r.change.actions])).to.deep.equal([
      ['backup_plan.standard', ['create']],
      ['backup_vault.main', ['no-op']],
      ['backup_vault.old', ['delete']],
    ]);
    const plan = entry(doc, 'backup_plan.standard');
    expect((plan.change.after_unknown as Record<string, unknown>).rule).to.deep.equal([
      { target_vault: true, lifecycle: {}, recovery_point_tags: {}, copy: [] },
    ]);
    const old = entry(doc, 'backup_vault.old');
    expect(old.change.after).to.equal(null);
    expect(old.change.after_unknown).to.equal(false);
    expect(old.action_reason).to.equal('delete_because_no_resource_config');
  });

  it('never writes a sensitive value and flags where it was', () => {
    const doc = document(
      makePlan({
        desired: [
          resourceConfig('backup_vault.main', vaultAttrs({ tags: { team: 'infra', secret: 'hunter2' } }), { sensitivePaths: ['/tags/secret'] }),
        ],
        prior: [prior('backup_vault.main', 'main', vaultState({ tags: { team: 'infra', secret: 'old-secret' } }))],
      }),
    );
    const text = JSON.stringify(doc);
    expect(text).to.not.contain('hunter2').and.to.not.contain('old-secret');
    const change = entry(doc, 'backup_vault.main');
    expect(change.change.after).to.deep.include({ tags: { team: 'infra', secret: null } });
    expect(change.change.after_sensitive).to.deep.equal({ tags: { secret: true } });
    expect(change.change.before_sensitive).to.deep.equal({ tags: { secret: true } });
  });

  it('reports drift in the same shape, changed and deleted', () => {
    const doc = document(
      makePlan({
        desired: [resourceConfig('backup_vault.main', vaultAttrs())],
        prior: [prior('backup_vault.main', 'main', vaultState()), prior('backup_plan.standard', 'p-1', planState([dailyRule]))],
        refreshed: new Map([
          ['backup_vault.main', vaultState({ tags: { team: 'x' } })],
          ['backup_plan.standard', null],
        ]),
      }),
    );
    expect(doc.resource_drift.map((d) => [d.address, d.change.actions])).to.deep.equal([
      ['backup_plan.standard', ['delete']],
      ['backup_vault.main', ['update']],
    ]);
    const vault = doc.resource_drift[1]!;
    expect((vault.change.before as { tags: unknown }).tags).to.deep.equal({ team: 'infra' });
    expect((vault.change.after as { tags: unknown }).tags).to.deep.equal({ team: 'x' });
    expect(vault.provider_name).to.equal('sandbox');
    expect(doc.resource_drift[0]!.change.after).to.equal(null);
  });

  it('reads the for_each key of an address into index', () => {
    const address = 'backup_vault.regional["eu-west-1"]';
    const doc = document(makePlan({ desired: [resourceConfig(address, vaultAttrs(), { name: 'regional', key: 'eu-west-1' })] }));
    expect(entry(doc, address)).to.deep.include({ name: 'regional', index: 'eu-west-1' });
    const drifted = document(
      makePlan({ prior: [prior(address, 'main', vaultState())], refreshed: new Map([[address, null]]), mode: 'refresh-only' }),
    );
    expect(drifted.resource_drift[0]).to.deep.include({ name: 'regional', index: 'eu-west-1' });
    expect(drifted).to.include({ mode: 'refresh-only', applyable: true });
  });

  it('marks an import as Terraform does (change.importing with the id), and an adopted object not', () => {
    const imported = makePlan({
      desired: [resourceConfig('backup_vault.main', vaultAttrs()), resourceConfig('backup_vault.other', vaultAttrs({ name: 'other' }))],
      prior: [prior('backup_vault.main', 'main', vaultState()), prior('backup_vault.other', 'other', vaultState({ name: 'other' }))],
    });
    const main = imported.changes.find((c) => c.address === 'backup_vault.main')!;
    main.importId = 'main';
    const other = imported.changes.find((c) => c.address === 'backup_vault.other')!;
    other.importId = 'other';
    other.adopted = true;
    const doc = document(imported);
    expect(entry(doc, 'backup_vault.main').change.importing).to.deep.equal({ id: 'main' });
    expect(entry(doc, 'backup_vault.main').change.actions).to.deep.equal(['no-op']);
    expect(entry(doc, 'backup_vault.other').change).to.not.have.property('importing');
    expect(entry(doc, 'backup_vault.other').adopted).to.deep.equal({ id: 'other', reason: 'created by an interrupted run' });
    const created = document(makePlan({ desired: [resourceConfig('backup_vault.main', vaultAttrs())] }));
    expect(entry(created, 'backup_vault.main').change).to.not.have.property('importing');
  });

  it('carries diagnostics, job starts and the errored flag', () => {
    const doc = document(makePlan({ prior: [prior('backup_vault.main', 'main', vaultState({ recovery_points: 3 }))] }), {
      jobStarts: [{ address: 'on_demand_backup.before-migration', reason: 'trigger changed' }],
    });
    expect(doc.errored).to.equal(true);
    expect(doc.applyable).to.equal(false);
    expect(doc.diagnostics).to.have.length(1);
    expect(doc.diagnostics[0]).to.deep.include({ severity: 'error', summary: 'Refusing to destroy backup_vault.main', code: 'BKP_E302' });
    expect(doc.summary.jobs).to.equal(1);
    expect(doc.job_starts[0]!.address).to.equal('on_demand_backup.before-migration');
  });

  it('has a schema that rejects documents that are not plans', () => {
    const good = JSON.parse(JSON.stringify(planToJson(makePlan({ desired: [resourceConfig('backup_vault.main', vaultAttrs())] })))) as PlanJson;
    const withBadAction = structuredClone(good);
    (withBadAction.resource_changes[0]!.change as { actions: string[] }).actions = ['replace'];
    expect(validate(withBadAction)).to.equal(false);
    const withoutSummary: Partial<PlanJson> = structuredClone(good);
    delete withoutSummary.summary;
    expect(validate(withoutSummary)).to.equal(false);
    const withExtra = { ...structuredClone(good), surprise: true };
    expect(validate(withExtra)).to.equal(false);
  });
});
