import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { checkToSarif } from '../../src/render/check-sarif.js';
import { sampleReport } from './check-fixtures.js';

/** The complete SARIF 2.1.0 (rtm.5) schema, draft-04, for ajv 8: its draft-04 `id` read as `$id`, formats checked by hand. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema as { $schema: string; id: string };
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-Unicode
  // regular expressions accept (as a literal), as the JSON Schema validators of its day read it.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s) && !s.includes('\\'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ ...rest, $id: id });
}

describe('check SARIF view', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0', () => {
    const sarif = checkToSarif(sampleReport(), { uriPrefix: 'infra/backup/', toolVersion: '0.1.0' });
    expect(validate(sarif), JSON.stringify(validate.errors)).to.equal(true);
  });

  it('the schema rejects what code scanning would (the test can fail)', () => {
    const sarif = checkToSarif(sampleReport()) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    sarif.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(sarif)).to.equal(false);
  });

  it('has one rule per control and results at the offending line, relative to the base', () => {
    const sarif = checkToSarif(sampleReport(), { uriPrefix: 'infra/backup/' });
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).to.deep.equal([
      'recovery_point_minimum_retention',
      'recovery_point_encrypted',
      'resources_protected_by_backup_plan',
      'last_recovery_point_created',
    ]);
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).to.match(/^https:\/\//);
      expect(rule.fullDescription.text).to.not.equal('');
    }
    const retention = run.results.find((r) => r.ruleId === 'recovery_point_minimum_retention')!;
    expect(retention.level).to.equal('error');
    expect(retention.ruleIndex).to.equal(0);
    const physical = retention.locations[0]!.physicalLocation;
    expect(physical.artifactLocation).to.deep.equal({ uri: 'infra/backup/main.bkp.hcl', uriBaseId: '%SRCROOT%' });
    expect(physical.region).to.deep.equal({ startLine: 13, startColumn: 1, endLine: 13, endColumn: 20 });
    expect(run.results.find((r) => r.ruleId === 'recovery_point_encrypted')!.level).to.equal('warning');
  });
});
