// backend "s3" through the built CLI, with the state in moto's S3 and the resources in the sandbox:
// apply/plan round trip, migration local → S3 → local, four concurrent applies, a killed holder's
// lock reported and removed, and SIGINT releasing the lock.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectVersionsCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { BKP_BIN, runBkp, tempDir } from '../support/cli.js';
import { requireMoto, type MotoServer } from '../support/moto.js';

// bkp pins its SDK; the SDK's notice about future Node.js versions is not for this test's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const AWS_ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' };
const STATE_KEY = 'team/bkp.state.json';

const resources = `
variable "owner" {
  type    = string
  default = "nobody"
}

backup_vault "shared" {
  name = "shared"
  tags = { owner = var.owner }
}
`;

const sandboxProvider = `
provider "sandbox" {
  path = ".bkp/sandbox.json"
}
`;

const s3Backend = (bucket: string, endpoint: string) => `
backend "s3" {
  bucket   = "${bucket}"
  key      = "${STATE_KEY}"
  region   = "us-east-1"
  endpoint = "${endpoint}"
}
`;

describe('backend "s3" (moto) through the CLI', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let s3: S3Client;
  let dir: string;
  let cleanup: () => Promise<void>;
  let bucketCount = 0;
  const bkp = (args: string[], env: NodeJS.ProcessEnv = {}) => runBkp(args, { cwd: dir, env: { ...AWS_ENV, ...env } });
  const readS3State = async (bucket: string) => {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: STATE_KEY }));
    return JSON.parse(await response.Body!.transformToString());
  };
  const lockExists = (bucket: string) =>
    s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `${STATE_KEY}.lock` })).then(
      () => true,
      () => false,
    );
  const readLock = async (bucket: string) => {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${STATE_KEY}.lock` }));
    return JSON.parse(await response.Body!.transformToString());
  };
  const newBucket = async (versioned: boolean) => {
    const bucket = `bkp-e2e-${++bucketCount}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    if (versioned) await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    return bucket;
  };
  /** Polls until `check` holds (a process reaching a point), failing after a while. */
  const eventually = async (check: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting until ${what}`);
  };

  before(async function () {
    moto = await requireMoto(this);
    s3 = new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  });
  after(async () => {
    s3?.destroy();
    await moto?.stop();
  });
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('applies with the state in S3, then plans "No changes"; warns while bucket versioning is off', async () => {
    const bucket = await newBucket(false);
    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + s3Backend(bucket, moto.endpoint) + resources);
    const apply = await bkp(['apply', '-auto-approve']);
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    expect(apply.stdout).to.include('Apply complete! Resources: 1 added');
    expect(apply.stderr).to.include(`Versioning is off for the state bucket "${bucket}"`);
    expect(apply.stderr).to.include('put-bucket-versioning');

    const state = await readS3State(bucket);
    expect(state.resources.map((r: { address: string }) => r.address)).to.deep.equal(['backup_vault.shared']);
    expect(await lockExists(bucket)).to.equal(false);

    const plan = await bkp(['plan', '-detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
  });

  it('migrates local → S3 → local with init -migrate-state, keeping lineage and serial', async () => {
    const bucket = await newBucket(true);
    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + resources);
    expect((await bkp(['apply', '-auto-approve'])).code).to.equal(0);
    const local = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8'));

    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + s3Backend(bucket, moto.endpoint) + resources);
    const toS3 = await bkp(['init', '-migrate-state']);
    expect(toS3.code, toS3.stdout + toS3.stderr).to.equal(0);
    expect(toS3.stdout).to.include(`Copied the state from bkp.state.json to s3://${bucket}/${STATE_KEY}`);
    expect(await readS3State(bucket)).to.deep.equal(local);

    // Work on S3 for a while: the serial moves on there.
    const change = await bkp(['apply', '-auto-approve', '-var=owner=alice']);
    expect(change.code, change.stderr).to.equal(0);
    const onS3 = await readS3State(bucket);
    expect(onS3.serial).to.equal(local.serial + 1);
    expect(onS3.lineage).to.equal(local.lineage);

    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + resources);
    const back = await bkp(['init', '-migrate-state']);
    expect(back.code, back.stdout + back.stderr).to.equal(0);
    expect(back.stdout).to.include(`Copied the state from s3://${bucket}/${STATE_KEY} to bkp.state.json`);
    expect(JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8'))).to.deep.equal(onS3);
    const plan = await bkp(['plan', '-detailed-exitcode', '-var=owner=alice']);
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
  });

  it('init -migrate-state moves a local state that appeared after the backend was recorded, as plan advises', async () => {
    const bucket = await newBucket(true);
    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + resources);
    expect((await bkp(['apply', '-auto-approve'])).code).to.equal(0);
    await rename(join(dir, 'bkp.state.json'), join(dir, 'aside.json'));

    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + s3Backend(bucket, moto.endpoint) + resources);
    const first = await bkp(['init', '-migrate-state']);
    expect(first.code, first.stdout + first.stderr).to.equal(0);
    expect(first.stdout).to.include('There is no state at bkp.state.json to migrate');

    await rename(join(dir, 'aside.json'), join(dir, 'bkp.state.json'));
    const plan = await bkp(['plan']);
    expect(plan.stderr).to.include('run `bkp init -migrate-state`');
    const second = await bkp(['init', '-migrate-state']);
    expect(second.code, second.stdout + second.stderr).to.equal(0);
    expect(second.stdout).to.include(`Copied the state from bkp.state.json to s3://${bucket}/${STATE_KEY}`);
    expect((await readS3State(bucket)).resources).to.have.length(1);

    const again = await bkp(['init', '-migrate-state']);
    expect(again.code, again.stdout + again.stderr).to.equal(0);
    expect(again.stdout).to.include('nothing to migrate');
  });

  it('init -migrate-state to a bucket that does not exist fails and records nothing', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + s3Backend('bkp-e2e-missing', moto.endpoint) + resources);
    const init = await bkp(['init', '-migrate-state']);
    expect(init.code).to.equal(1);
    expect(init.stderr).to.include('does not exist');
    expect(existsSync(join(dir, '.bkp', 'backend.json'))).to.equal(false);
  });

  it('moves state with state pull and state push, refusing to replace an unrelated state', async () => {
    const bucket = await newBucket(true);
    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + s3Backend(bucket, moto.endpoint) + resources);
    expect((await bkp(['apply', '-auto-approve'])).code).to.equal(0);
    const pull = await bkp(['state', 'pull']);
    expect(pull.code).to.equal(0);
    const pulled = JSON.parse(pull.stdout);
    expect(pulled).to.deep.equal(await readS3State(bucket));

    await writeFile(join(dir, 'other.json'), JSON.stringify({ ...pulled, lineage: '00000000-0000-4000-8000-000000000000', serial: 9 }));
    const refused = await bkp(['state', 'push', 'other.json']);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include('has another lineage (00000000-0000-4000-8000-000000000000)');
    expect(refused.stderr).to.include('-force');
    expect(await readS3State(bucket)).to.deep.equal(pulled);

    const forced = await bkp(['state', 'push', '-force', 'other.json']);
    expect(forced.code, forced.stderr).to.equal(0);
    expect(await readS3State(bucket)).to.include({ serial: 9, lineage: '00000000-0000-4000-8000-000000000000' });
  });

  it('runs four concurrent applies on one S3 state with -lock-timeout: each write one serial, none lost', async () => {
    const bucket = await newBucket(true);
    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + s3Backend(bucket, moto.endpoint) + resources);
    expect((await bkp(['apply', '-auto-approve'])).code).to.equal(0);
    const before = (await readS3State(bucket)).serial as number;
    const versionsBefore = await stateVersions(bucket);

    const owners = ['alice', 'bob', 'carol', 'dave'];
    const results = await Promise.all(owners.map((owner) => bkp(['apply', '-auto-approve', '-lock-timeout=60s', `-var=owner=${owner}`])));
    for (const r of results) expect(r.code, r.stdout + r.stderr).to.equal(0);
    for (const r of results) expect(r.stdout).to.include('Resources: 0 added, 1 changed, 0 destroyed.');

    const state = await readS3State(bucket);
    expect(state.serial).to.equal(before + owners.length);
    // Versioning keeps every write: exactly one new object version per state-changing apply.
    expect((await stateVersions(bucket)) - versionsBefore).to.equal(owners.length);
    const owner = state.resources[0].attributes.tags.owner;
    expect(owners).to.include(owner);
    expect(await lockExists(bucket)).to.equal(false);
  });

  it('reports the lock a killed process left, with its holder, and removes it with force-unlock', async () => {
    const bucket = await newBucket(true);
    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + s3Backend(bucket, moto.endpoint) + resources);
    expect((await bkp(['apply', '-auto-approve'])).code).to.equal(0);
    // A slow refresh keeps the plan holding the lock long enough to kill it.
    const child = spawnBkp(['plan'], { BKP_SANDBOX_FAULTS: 'latency_ms=5000' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    await eventually(() => lockExists(bucket), 'the plan took the lock');
    child.kill('SIGKILL');
    expect(await exited).to.equal('SIGKILL');
    const holder = await readLock(bucket);

    const blocked = await bkp(['plan']);
    expect(blocked.code).to.equal(1);
    expect(blocked.stderr).to.include(`The state s3://${bucket}/${STATE_KEY} is locked by ${holder.Who} (pid ${holder.Pid}, operation "plan"`);
    expect(blocked.stderr).to.include(`since ${holder.Created}`);
    expect(blocked.stderr).to.include('the lock is stale');
    expect(blocked.stderr).to.include(`bkp force-unlock ${holder.ID}`);
    expect(blocked.stderr).to.not.match(/\n\s+at /);

    const unlock = await bkp(['force-unlock', holder.ID]);
    expect(unlock.code, unlock.stderr).to.equal(0);
    expect(unlock.stdout).to.include(`lock ${holder.ID}`);
    expect(await lockExists(bucket)).to.equal(false);
  });

  it('releases the lock when a command is interrupted with SIGINT', async () => {
    const bucket = await newBucket(true);
    await writeFile(join(dir, 'main.bkp.hcl'), sandboxProvider + s3Backend(bucket, moto.endpoint) + resources);
    expect((await bkp(['apply', '-auto-approve'])).code).to.equal(0);
    // The refresh of the vault is slow, so the plan is still holding the lock when interrupted.
    const child = spawnBkp(['plan'], { BKP_SANDBOX_FAULTS: 'latency_ms=5000' });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    await eventually(() => lockExists(bucket), 'the plan took the lock');
    child.kill('SIGINT');
    const end = await exited;
    expect(end.signal ?? end.code).to.be.oneOf(['SIGINT', 130]);
    expect(await lockExists(bucket)).to.equal(false);
  });

  async function stateVersions(bucket: string): Promise<number> {
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: STATE_KEY }));
    return (listed.Versions ?? []).filter((v) => v.Key === STATE_KEY).length;
  }

  function spawnBkp(args: string[], env: NodeJS.ProcessEnv) {
    return spawn(process.execPath, [BKP_BIN, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', ...AWS_ENV, ...env },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  }
});
