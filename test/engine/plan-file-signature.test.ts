// Issue 22, section 5: a saved plan is bound to its state by an HMAC under the state's plan key,
// so whoever edits the file cannot make bkp accept it by recomputing a checksum.
import { expect } from 'chai';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, UserError } from '../../src/core/errors.js';
import { PLAN_FILE_FORMAT, readPlanFile, writePlanFile, type SavedPlan } from '../../src/engine/plan-file.js';
import { tempDir } from '../state/helpers.js';

const LINEAGE = '2b8b3c55-5f8e-4c1e-9a57-3c0d0e0f1a2b';

function savedPlan(): SavedPlan {
  return {
    format: PLAN_FILE_FORMAT,
    bkp_version: '0.0.0-test',
    created: '2026-11-25T10:00:00.000Z',
    lineage: LINEAGE,
    serial: 4,
    config_hash: 'c0ffee',
    variables: {},
    plan: { mode: 'normal', changes: [], drift: [], diagnostics: [], refreshedState: [], targeted: false },
  };
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected the plan to be refused');
}

describe('saved plan signatures', () => {
  let dir: string;
  let cleanup: () => void;
  let path: string;
  const key = randomBytes(32);

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    path = join(dir, 'change.plan');
    await writePlanFile(path, savedPlan(), key);
  });
  afterEach(() => cleanup());

  /** The file with its body edited and its integrity recomputed by `sign`. */
  async function forge(sign: (body: Record<string, unknown>) => string): Promise<void> {
    const { integrity: _old, ...body } = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    body.config_hash = 'edited';
    await writeFile(path, JSON.stringify({ ...body, integrity: sign(body) }));
  }

  it('reads back a plan it signed under the same key', async () => {
    expect((await readPlanFile(path, { key, lineage: LINEAGE })).serial).to.equal(4);
  });

  it('refuses an edited plan whose integrity was recomputed as sha256(body)', async () => {
    await forge((body) => createHash('sha256').update(JSON.stringify(body)).digest('hex'));
    const error = await refusal(readPlanFile(path, { key, lineage: LINEAGE }));
    expect(error.code).to.equal(ErrorCode.PlanInvalid);
    expect(error.message).to.include('signature does not match');
  });

  it('refuses an edited plan signed with another key, and any plan when the state has no key', async () => {
    await forge((body) => `hmac-sha256:${createHmac('sha256', randomBytes(32)).update(JSON.stringify(body)).digest('hex')}`);
    expect((await refusal(readPlanFile(path, { key, lineage: LINEAGE }))).code).to.equal(ErrorCode.PlanInvalid);
    await writePlanFile(path, savedPlan(), key);
    expect((await refusal(readPlanFile(path, { key: undefined }))).code).to.equal(ErrorCode.PlanInvalid);
  });

  it('says "different state lineage" for a plan of another state', async () => {
    const error = await refusal(readPlanFile(path, { key: randomBytes(32), lineage: '0b8b3c55-5f8e-4c1e-9a57-3c0d0e0f1a2b' }));
    expect(error.code).to.equal(ErrorCode.PlanStale);
    expect(error.message).to.include('different state lineage');
  });

  it('refuses prototype keys in a plan file before anything walks it', async () => {
    const text = (await readFile(path, 'utf8')).replace('"variables": {}', '"variables": {"__proto__": {"polluted": true}}');
    await writeFile(path, text);
    const error = await refusal(readPlanFile(path, { key, lineage: LINEAGE }));
    expect(error.message).to.include('reserved key "__proto__"');
  });
});
