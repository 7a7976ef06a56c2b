// Conformance: the same SDK calls against moto and against the sandbox, compared after
// normalisation. Where moto is known to differ from AWS, the deviation is written down below with
// the reason, and the sandbox is held to AWS's behaviour instead. (The sandbox in-process against
// the sandbox over `serve` is test/sandbox/conformance/serve.test.ts.)
import { expect } from 'chai';
import { requireMoto, type MotoServer } from '../../support/moto.js';
import { runScenario, type StepResult, type Transcript } from '../../sandbox/conformance/scenario.js';
import { inProcessTarget, motoTarget } from '../../sandbox/conformance/targets.js';

interface Deviation {
  /** Why moto differs (and what AWS does). */
  why: string;
  /** moto's documented answer, or a test of it. */
  moto?: StepResult | ((result: StepResult) => boolean);
  /** The sandbox's (AWS's) answer, when it differs from moto's. */
  sandbox?: StepResult;
  /** Fields moto leaves out of a reply; compared on the other fields only. */
  motoOmits?: string[];
}

const motoAccepts = (result: StepResult) => result.error === undefined;
const motoFails = (result: StepResult) => result.error !== undefined;

const MOTO_DEVIATIONS: Record<string, Deviation> = {
  'vault: create with an invalid name': {
    why: 'moto does not validate vault names; AWS requires ^[a-zA-Z0-9-_]{2,50}$',
    moto: motoAccepts,
    sandbox: { error: 'InvalidParameterValueException', status: 400 },
  },
  'vault: describe': {
    why: 'moto leaves out EncryptionKeyArn (AWS uses the default backup key), NumberOfRecoveryPoints, VaultType and VaultState',
    motoOmits: ['EncryptionKeyArn', 'NumberOfRecoveryPoints', 'VaultType', 'VaultState'],
  },
  'vault: describe a missing vault': {
    why: 'AWS answers AccessDeniedException (403) for a vault that does not exist; moto ResourceNotFoundException',
    moto: { error: 'ResourceNotFoundException', status: 400 },
    sandbox: { error: 'AccessDeniedException', status: 403 },
  },
  'vault: list': {
    why: 'follows from the invalid name moto accepted above',
    moto: { value: ['main', 'no%20spaces!', 'second'] },
    sandbox: { value: ['main', 'second'] },
  },
  'vault: list one per page': {
    why: 'moto does not paginate ListBackupVaults (MaxResults is ignored)',
    moto: { value: { count: 3, more: false } },
    sandbox: { value: { count: 1, more: true } },
  },
  'plan: update': {
    why: 'moto does not implement UpdateBackupPlan',
    moto: motoFails,
  },
  'plan: update gives a new VersionId': {
    why: 'follows from the missing UpdateBackupPlan',
    moto: { value: false },
    sandbox: { value: true },
  },
  'plan: versions': {
    why: 'moto does not implement ListBackupPlanVersions',
    moto: motoFails,
    sandbox: { value: 2 },
  },
  'plan: create with an invalid lifecycle': {
    why: 'moto does not validate lifecycles; AWS refuses DeleteAfterDays less than 90 days after MoveToColdStorageAfterDays',
    moto: motoAccepts,
    sandbox: { error: 'InvalidParameterValueException', status: 400 },
  },
  'plan: list after delete': {
    why: 'follows from the invalid plan moto accepted above',
    moto: { value: 1 },
    sandbox: { value: 0 },
  },
  'plan: list including deleted': {
    why: 'follows from the invalid plan moto accepted above',
    moto: { value: [true, false] },
    sandbox: { value: [true] },
  },
  'vault: describe after delete': {
    why: 'as for any missing vault: AWS AccessDeniedException, moto ResourceNotFoundException',
    moto: { error: 'ResourceNotFoundException', status: 400 },
    sandbox: { error: 'AccessDeniedException', status: 403 },
  },
  'vault: delete a missing vault': {
    why: 'moto deletes a missing vault silently; the sandbox reports ResourceNotFoundException (⚠ not confirmed against AWS)',
    moto: { value: {} },
    sandbox: { error: 'ResourceNotFoundException', status: 400 },
  },
  'ec2: describe volumes': {
    why: 'moto leaves DeleteOnTermination out of DescribeVolumes attachments',
    motoOmits: ['deleteOnTermination'],
  },
  'ec2: describe volumes by attachment': {
    why: 'moto leaves DeleteOnTermination out of DescribeVolumes attachments',
    motoOmits: ['deleteOnTermination'],
  },
  'ec2: describe a malformed instance id': {
    why: 'EC2 tells a malformed id (InvalidInstanceID.Malformed) from a missing one; moto says NotFound for both',
    moto: { error: 'InvalidInstanceID.NotFound', status: 400 },
    sandbox: { error: 'InvalidInstanceID.Malformed', status: 400 },
  },
  'ec2: stop a terminated instance': {
    why: 'EC2 refuses to stop a terminated instance (IncorrectInstanceState); moto stops it',
    moto: motoAccepts,
    sandbox: { error: 'IncorrectInstanceState', status: 400 },
  },
  'ec2: unknown filter': {
    why: 'EC2 answers InvalidParameterValue for an unknown filter; moto fails with a 500 page the SDK cannot parse',
    moto: motoFails,
    sandbox: { error: 'InvalidParameterValue', status: 400 },
  },
  'ec2: first page of 5': {
    why: 'EC2 counts MaxResults in instances; moto counts reservations (one of them holds two instances)',
    moto: { value: { instances: 6, more: true } },
    sandbox: { value: { instances: 5, more: true } },
  },
};

function withoutFields(result: StepResult | undefined, fields: readonly string[]): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([k]) => !fields.includes(k)).map(([k, v]) => [k, strip(v)]));
    }
    return value;
  };
  return strip(result);
}

function compareWithMoto(step: string, sandbox: StepResult | undefined, moto: StepResult | undefined): void {
  expect(sandbox, `sandbox ran "${step}"`).to.not.equal(undefined);
  expect(moto, `moto ran "${step}"`).to.not.equal(undefined);
  const deviation = MOTO_DEVIATIONS[step];
  if (deviation === undefined) {
    expect(sandbox, step).to.deep.equal(moto);
    return;
  }
  if (deviation.motoOmits !== undefined) {
    expect(withoutFields(sandbox, deviation.motoOmits), step).to.deep.equal(withoutFields(moto, deviation.motoOmits));
    return;
  }
  if (deviation.sandbox !== undefined) expect(sandbox, `${step} (sandbox, as AWS)`).to.deep.equal(deviation.sandbox);
  if (JSON.stringify(sandbox) === JSON.stringify(moto)) {
    process.stdout.write(`note: moto now agrees on "${step}"; the deviation "${deviation.why}" can be removed\n`);
    return;
  }
  if (typeof deviation.moto === 'function') expect(deviation.moto(moto!), `${step} (moto: ${deviation.why})`).to.equal(true);
  else if (deviation.moto !== undefined) expect(moto, `${step} (moto: ${deviation.why})`).to.deep.equal(deviation.moto);
}

describe('conformance: the sandbox against moto', function () {
  let moto: MotoServer | undefined;
  let motoTranscript: Transcript;
  let sandboxTranscript: Transcript;

  before(async function () {
    moto = await requireMoto(this);
    const motoSide = motoTarget(moto.endpoint);
    const sandboxSide = await inProcessTarget();
    try {
      motoTranscript = await runScenario(motoSide.clients);
      sandboxTranscript = await runScenario(sandboxSide.clients);
    } finally {
      await motoSide.close();
      await sandboxSide.close();
    }
  });

  after(async () => {
    await moto?.stop();
  });

  for (const group of ['vault', 'lock', 'tags', 'plan', 'ec2']) {
    it(`agrees with moto on ${group} calls, except the documented moto deviations`, () => {
      const steps = [...sandboxTranscript.keys()].filter((name) => name.startsWith(`${group}:`));
      expect(steps.length).to.be.greaterThan(3);
      for (const step of steps) compareWithMoto(step, sandboxTranscript.get(step), motoTranscript.get(step));
    });
  }

  it('ran every documented deviation', () => {
    for (const step of Object.keys(MOTO_DEVIATIONS)) expect(sandboxTranscript.has(step), step).to.equal(true);
  });
});
