import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, InternalError, UserError } from '../../src/core/errors.js';
import { newState, withJob, withResource } from '../../src/state/model.js';
import { assertValidState, parseStateText } from '../../src/state/validate.js';
import { sampleJob, sampleResource, tempDir } from './helpers.js';

function refusal(text: string, statePath = '/nowhere/bkp.state.json'): UserError {
  try {
    parseStateText(text, statePath);
  } catch (e) {
    expect(e).to.be.instanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected the state text to be refused');
}

const valid = () => withJob(withResource(newState('0.1.0'), sampleResource('main')), sampleJob('D48D8717-0C9D-72DF-1F56-14E703BF2345'));

describe('state validation', () => {
  it('accepts a valid state and returns its content', () => {
    const doc = valid();
    expect(parseStateText(JSON.stringify(doc), '/x/bkp.state.json')).to.deep.equal(doc);
  });

  it('refuses an empty file', () => {
    const e = refusal('  \n');
    expect(e.code).to.equal(ErrorCode.StateCorrupt);
    expect(e.message).to.contain('/nowhere/bkp.state.json').and.contain('is empty');
  });

  it('refuses truncated JSON, saying it looks truncated', () => {
    const text = JSON.stringify(valid(), null, 2);
    for (const cut of [text.length - 1, Math.floor(text.length / 2), 10]) {
      const e = refusal(text.slice(0, cut));
      expect(e.code).to.equal(ErrorCode.StateCorrupt);
      expect(e.message, `cut at ${cut}`).to.match(/truncated|not valid JSON/);
    }
    expect(refusal(text.slice(0, text.length - 1)).message).to.contain('truncated');
  });

  it('names the line and column of a syntax error', () => {
    const e = refusal('{\n  "format_version": 1,\n  "serial" 3\n}');
    expect(e.message).to.contain('not valid JSON').and.contain('line 3');
  });

  it('refuses wrong types with the path and the problem in words', () => {
    const doc = valid() as unknown as { serial: unknown; resources: Array<Record<string, unknown>> };
    doc.serial = 'three';
    doc.resources[0]!.id = 7;
    const e = refusal(JSON.stringify(doc));
    expect(e.code).to.equal(ErrorCode.StateCorrupt);
    expect(e.message).to.contain('serial must be integer').and.contain('resources[0].id must be string');
  });

  it('refuses a state without a lineage', () => {
    const { lineage: _lineage, ...rest } = valid();
    const e = refusal(JSON.stringify(rest));
    expect(e.code).to.equal(ErrorCode.StateCorrupt);
    expect(e.message).to.contain('is missing "lineage"');
  });

  it('refuses an unknown job state and an unexpected property', () => {
    const doc = valid() as unknown as { jobs: Array<Record<string, unknown>>; extra?: unknown };
    doc.jobs[0]!.state = 'DONE';
    doc.extra = true;
    const e = refusal(JSON.stringify(doc));
    expect(e.message).to.contain('jobs[0].state must be one of "CREATED"').and.contain('unexpected property "extra"');
  });

  it('refuses a state from a newer bkp (a future format_version) and says to upgrade', () => {
    const e = refusal(JSON.stringify({ ...valid(), format_version: 2, bkp_version: '9.0.0' }));
    expect(e.code).to.equal(ErrorCode.StateForeign);
    expect(e.message).to.contain('newer bkp (bkp 9.0.0)').and.contain('format 2');
    expect(e.hint).to.contain('Upgrade bkp');
  });

  it('refuses a Terraform state as foreign', () => {
    const terraform = { version: 4, terraform_version: '1.9.0', serial: 3, lineage: newState('x').lineage, outputs: {}, resources: [] };
    const e = refusal(JSON.stringify(terraform));
    expect(e.code).to.equal(ErrorCode.StateForeign);
    expect(e.message).to.contain('not a bkp state file').and.contain('Terraform state');
  });

  it('refuses JSON that is not an object as foreign', () => {
    expect(refusal('[1, 2]').code).to.equal(ErrorCode.StateForeign);
    expect(refusal('"hello"').message).to.contain('a JSON string');
    expect(refusal('{"name": "package"}').code).to.equal(ErrorCode.StateForeign);
  });

  it('points at the .backup file when there is one, and says so when there is none', () => {
    const { dir, cleanup } = tempDir();
    try {
      const statePath = join(dir, 'bkp.state.json');
      expect(refusal('{', statePath).hint).to.contain('There is no').and.contain('bkp.state.json.backup');
      writeFileSync(`${statePath}.backup`, JSON.stringify(valid()));
      const hint = refusal('{', statePath).hint ?? '';
      expect(hint).to.contain('cp ').and.contain('bkp.state.json.backup').and.contain('unchanged');
    } finally {
      cleanup();
    }
  });

  it('assertValidState throws an InternalError for a document bkp must never write', () => {
    expect(() => assertValidState(valid())).to.not.throw();
    const broken = { ...valid(), lineage: 'not-a-uuid' };
    expect(() => assertValidState(broken)).to.throw(InternalError, /lineage has an invalid format/);
  });
});
