import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { blockSchema, bodySpec, computedAttributes, type JsonSchema } from '../../src/config/block-schema.js';
import { schemaProblems } from '../../src/resources/rules/schema-errors.js';
import { onDemandBeforeMigration, planDaily, selectionProd, vaultMain } from './design-example.js';

const dir = new URL('../../schemas/config/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json'));

/** Every object schema with properties, with its JSON path, recursively. */
function objectSchemas(schema: JsonSchema, path: string, out: Array<[string, JsonSchema]> = []): Array<[string, JsonSchema]> {
  if (schema.properties) out.push([path, schema]);
  for (const [name, prop] of Object.entries(schema.properties ?? {})) objectSchemas(prop, `${path}/${name}`, out);
  if (schema.items) objectSchemas(schema.items, `${path}[]`, out);
  return out;
}

describe('schemas/config', () => {
  it('has a schema for every block kind', () => {
    expect(files.sort()).to.deep.equal(
      [
        'backend_local',
        'backend_s3',
        'backup_framework',
        'backup_plan',
        'backup_report_plan',
        'backup_selection',
        'backup_vault',
        'data_backup_plan',
        'data_backup_vault',
        'data_caller_identity',
        'data_iam_role',
        'data_kms_key',
        'data_logically_air_gapped_vault',
        'data_organization_account',
        'data_organization_root',
        'data_organizational_unit',
        'data_region',
        'global_settings',
        'import',
        'legal_hold',
        'logically_air_gapped_vault',
        'on_demand_backup',
        'org_backup_policy',
        'org_policy_attachment',
        'output',
        'policy',
        'provider_aws',
        'provider_sandbox',
        'region_settings',
        'restore_testing_plan',
        'restore_testing_selection',
        'tiering_configuration',
        'variable',
      ].map((n) => `${n}.schema.json`),
    );
  });

  for (const file of files) {
    describe(file, () => {
      const schema = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as JsonSchema;

      it('compiles with ajv (draft-07)', () => {
        expect(schema.$schema).to.equal('http://json-schema.org/draft-07/schema#');
        expect(() => new Ajv({ strict: false }).compile(schema)).not.to.throw();
      });

      it('closes every object and describes every property', () => {
        for (const [path, object] of objectSchemas(schema, '')) {
          expect(object.additionalProperties, `${path} additionalProperties`).to.equal(false);
          for (const [name, prop] of Object.entries(object.properties ?? {})) {
            expect(prop.description, `${path}/${name} description`).to.be.a('string').and.not.be.empty;
          }
          for (const required of object.required ?? []) expect(object.properties, `${path} required ${required}`).to.have.property(required);
        }
      });
    });
  }

  it('describes the nested blocks the loaders need', () => {
    const plan = bodySpec(blockSchema('backup_plan')!);
    expect(plan.attributes).to.have.members(['name', 'windows_vss', 'tags']);
    expect(plan.blocks.rule!.repeatable).to.equal(true);
    expect(plan.blocks.rule!.labels).to.deep.equal(['name']);
    expect(plan.blocks.rule!.body.attributes).to.not.include('name');
    expect(Object.keys(plan.blocks)).to.have.members(['rule', 'scan_setting', 'advanced_backup_setting']);
    expect(Object.keys(plan.blocks.rule!.body.blocks)).to.have.members(['lifecycle', 'copy', 'index_action', 'scan_action']);
    expect(plan.blocks.rule!.body.blocks.copy!.body.blocks.lifecycle!.repeatable).to.equal(false);
    const vault = bodySpec(blockSchema('backup_vault')!);
    expect(Object.keys(vault.blocks)).to.have.members(['notifications', 'lock']);
    const selection = bodySpec(blockSchema('backup_selection')!);
    expect(Object.keys(selection.blocks)).to.have.members(['tag', 'condition']);
    expect(bodySpec(blockSchema('on_demand_backup')!).blocks.lifecycle!.body.attributes).to.have.members([
      'cold_storage_after_days',
      'delete_after_days',
      'opt_in_to_archive_for_supported_resources',
    ]);
  });

  it("writes an organization policy's rules with backup_plan's rule schema (all optional, for override policies; no scan_action; child_operators)", () => {
    const planRule = JSON.parse(JSON.stringify(blockSchema('backup_plan')!.properties!.rule)) as JsonSchema & { items: JsonSchema };
    const policyRule = (blockSchema('org_backup_policy')!.properties!.plan as JsonSchema & { items: JsonSchema }).items.properties!.rule as JsonSchema & { items: JsonSchema };
    delete planRule.items.properties!.scan_action;
    const { child_operators: childOperators, ...policyRuleProperties } = policyRule.items.properties!;
    expect(childOperators, 'the one addition: which operators child policies may use on the rule').to.be.an('object');
    expect(policyRuleProperties).to.deep.equal(planRule.items.properties);
    expect(policyRule.items.required).to.deep.equal(['name']);
  });

  it('leaves meta-arguments out of the kind schemas', () => {
    for (const kind of ['backup_vault', 'backup_plan', 'backup_selection', 'on_demand_backup']) {
      const properties = Object.keys(blockSchema(kind)!.properties ?? {});
      for (const meta of ['for_each', 'provider', 'depends_on']) expect(properties, kind).to.not.include(meta);
    }
    expect(Object.keys(blockSchema('backup_vault')!.properties ?? {})).to.not.include('lifecycle');
  });

  it('marks the attributes that force replacement', () => {
    const forcing = (kind: string): string[] =>
      Object.entries(blockSchema(kind)!.properties ?? {})
        .filter(([, p]) => p['x-bkp']?.forcesReplacement)
        .map(([n]) => n);
    expect(forcing('backup_vault')).to.have.members(['name', 'kms_key_arn']);
    expect(forcing('backup_plan')).to.have.members(['name']);
    expect(forcing('backup_selection')).to.have.members(['plan', 'name', 'iam_role_arn', 'resources', 'not_resources', 'tag', 'condition']);
    expect(forcing('on_demand_backup')).to.have.members(['resource_arn', 'vault', 'trigger']);
    expect(forcing('tiering_configuration')).to.have.members(['name']);
    expect(forcing('legal_hold')).to.have.members(['title', 'description', 'recovery_point_selection']);
    expect(forcing('restore_testing_plan')).to.have.members(['name']);
    expect(forcing('restore_testing_selection')).to.have.members(['name', 'restore_testing_plan_name', 'protected_resource_type']);
  });

  it('lists the computed attributes', () => {
    expect(computedAttributes('backup_vault')).to.deep.equal(['arn', 'recovery_points', 'locked', 'lock_date', 'legal_holds']);
    expect(computedAttributes('backup_plan')).to.deep.equal(['id', 'arn', 'version_id']);
    expect(computedAttributes('backup_selection')).to.deep.equal(['id']);
    expect(computedAttributes('on_demand_backup')).to.deep.equal(['job_id', 'state', 'recovery_point_arn', 'percent_done']);
    expect(computedAttributes('tiering_configuration')).to.deep.equal(['arn', 'creation_time', 'last_updated_time']);
    expect(computedAttributes('legal_hold')).to.deep.equal(['id', 'arn', 'status', 'creation_date', 'cancellation_date']);
    expect(computedAttributes('restore_testing_plan')).to.deep.equal(['arn', 'creation_time', 'last_update_time']);
    expect(computedAttributes('restore_testing_selection')).to.deep.equal(['creation_time']);
  });

  it('accepts the resources of the DESIGN.md example', () => {
    expect(schemaProblems('backup_vault', vaultMain)).to.deep.equal([]);
    expect(schemaProblems('backup_plan', planDaily)).to.deep.equal([]);
    expect(schemaProblems('backup_selection', selectionProd)).to.deep.equal([]);
    expect(schemaProblems('on_demand_backup', onDemandBeforeMigration)).to.deep.equal([]);
    expect(schemaProblems('provider_aws', { region: 'eu-west-1', profile: 'ops', endpoint: 'http://127.0.0.1:5000' })).to.deep.equal([]);
    expect(schemaProblems('provider_sandbox', { path: '.bkp/sandbox.json', account_id: '123456789012' })).to.deep.equal([]);
    expect(schemaProblems('backend_local', { path: 'bkp.state.json' })).to.deep.equal([]);
    expect(schemaProblems('backend_s3', { bucket: 'team-state', key: 'backup/bkp.state.json', region: 'eu-west-1' })).to.deep.equal([]);
    expect(schemaProblems('variable', { type: 'string', default: 'prod', description: 'environment name' })).to.deep.equal([]);
    expect(schemaProblems('import', { to: 'backup_vault.main', id: 'prod-prod' })).to.deep.equal([]);
  });
});
