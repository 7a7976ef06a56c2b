// backend "s3" against moto's S3: the same session semantics as the local backend, conditional
// writes that detect a concurrent writer, versioning warnings and clear errors.
import { expect } from 'chai';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3BucketStore, type S3StoreSettings } from '../../../src/aws/s3-client.js';
import { ErrorCode, UserError } from '../../../src/core/errors.js';
import { newState, withResource, type StateDocument } from '../../../src/state/model.js';
import { S3StateBackend } from '../../../src/state/s3-backend.js';
import { requireMoto, type MotoServer } from '../../support/moto.js';
import { sampleResource } from '../../state/helpers.js';

const OPEN = { operation: 'apply', lockTimeoutMs: 0, lock: true } as const;
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

describe('S3 state backend (moto)', function () {
  this.timeout(30_000);
  let moto: MotoServer;
  let s3: S3Client;
  let bucketCount = 0;
  let bucket: string;
  const savedEnv: Record<string, string | undefined> = {};

  const settings = (extra: Partial<S3StoreSettings> = {}): S3StoreSettings => ({ bucket, region: 'us-east-1', endpoint: moto.endpoint, ...extra });
  const backendFor = (key = 'env/bkp.state.json', extra: Partial<S3StoreSettings> = {}) =>
    new S3StateBackend({ bucket: extra.bucket ?? bucket, key, bkpVersion: '1.0.0', openStore: async () => new S3BucketStore(settings(extra)) });
  const readObject = async (key: string) => {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { text: await response.Body!.transformToString(), etag: response.ETag! };
  };
  const objectExists = (key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => true,
      () => false,
    );
  const expectUserError = async (promise: Promise<unknown>, code: string): Promise<UserError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, 'expected a UserError').to.be.instanceOf(UserError);
    expect((error as UserError).code, (error as UserError).message).to.equal(code);
    return error as UserError;
  };

  before(async function () {
    moto = await requireMoto(this);
    for (const [name, value] of Object.entries(CREDENTIALS)) {
      savedEnv[name] = process.env[name];
      process.env[name] = value;
    }
    s3 = new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true });
  });
  after(async () => {
    s3?.destroy();
    await moto?.stop();
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  beforeEach(async () => {
    bucket = `bkp-state-${++bucketCount}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  it('round-trips the state, raising the serial only on content change, encrypted at rest', async () => {
    const first = await backendFor().open(OPEN);
    expect(first.location).to.equal(`s3://${bucket}/env/bkp.state.json`);
    expect(first.current()).to.include({ serial: 0 });
    await first.persist(first.current());
    expect(await objectExists('env/bkp.state.json'), 'no write for an unchanged empty state').to.equal(false);

    const written = withResource(first.current(), sampleResource('main'));
    await first.persist(written);
    const afterFirst = await readObject('env/bkp.state.json');
    await first.persist(first.current());
    await first.persist({ ...first.current(), serial: 42, bkp_version: '0.0.1' });
    expect((await readObject('env/bkp.state.json')).etag, 'no write without a content change').to.equal(afterFirst.etag);
    await first.persist(withResource(first.current(), sampleResource('second')));
    await first.close();
    await first.close();

    const second = await backendFor().open(OPEN);
    const doc = second.current();
    expect(doc).to.include({ serial: 2, lineage: written.lineage, bkp_version: '1.0.0' });
    expect(doc.resources.map((r) => r.address)).to.deep.equal(['backup_vault.main', 'backup_vault.second']);
    expect(JSON.parse((await readObject('env/bkp.state.json')).text)).to.deep.equal(doc);
    await second.close();
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'env/bkp.state.json' }));
    expect(head.ServerSideEncryption).to.equal('AES256');
  });

  it('coalesces queued writes into one write of the newest document, every caller waiting for it', async () => {
    const session = await backendFor().open(OPEN);
    let doc = session.current();
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) {
      doc = withResource(doc, sampleResource(`v${i}`));
      writes.push(session.persist(doc));
    }
    await Promise.all(writes);
    // Persists made before the first write starts join it: one write of the newest document.
    expect(session.current().serial).to.equal(1);
    expect(JSON.parse((await readObject('env/bkp.state.json')).text).resources).to.have.length(5);
    await session.close();
  });

  it('warns when bucket versioning is off, not when it is on', async () => {
    const off = await backendFor().open({ ...OPEN, lock: false });
    expect(off.warnings?.join('\n')).to.include(`put-bucket-versioning --bucket ${bucket}`);
    await off.close();
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const on = await backendFor().open({ ...OPEN, lock: false });
    expect(on.warnings).to.deep.equal([]);
    await on.close();
  });

  it('refuses a concurrent write (ETag changed since bkp read it) and overwrites nothing', async () => {
    const session = await backendFor().open(OPEN);
    await session.persist(withResource(session.current(), sampleResource('mine')));
    // Someone writes without the lock (bkp -lock=false, a script): serial 7, another resource.
    const theirs: StateDocument = { ...withResource(session.current(), sampleResource('theirs')), serial: 7 };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'env/bkp.state.json', Body: JSON.stringify(theirs) }));

    const error = await expectUserError(session.persist(withResource(session.current(), sampleResource('more'))), ErrorCode.StateConflict);
    expect(error.message).to.include(`s3://${bucket}/env/bkp.state.json was changed by someone else`);
    expect(error.message).to.include('bkp read serial 1; it now holds serial 7');
    expect(error.message).to.include('Nothing was overwritten');
    expect(JSON.parse((await readObject('env/bkp.state.json')).text)).to.deep.equal(theirs);
    await session.close();
    expect(await objectExists('env/bkp.state.json.lock'), 'the lock is released after the failed write').to.equal(false);
  });

  it('refuses to create the state when someone created it since bkp found none (IfNoneMatch)', async () => {
    const session = await backendFor().open(OPEN);
    const theirs = { ...newState('9.9.9'), serial: 3 };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'env/bkp.state.json', Body: JSON.stringify(theirs) }));
    const error = await expectUserError(session.persist(withResource(session.current(), sampleResource('a'))), ErrorCode.StateConflict);
    expect(error.message).to.include('bkp read no state; it now holds serial 3');
    expect(JSON.parse((await readObject('env/bkp.state.json')).text)).to.deep.equal(theirs);
    await session.close();
  });

  it('replace() stores a document exactly, serial and lineage included', async () => {
    const session = await backendFor().open(OPEN);
    const doc = { ...withResource(newState('0.9.0', '11111111-2222-4333-8444-555555555555'), sampleResource('moved')), serial: 17 };
    await session.replace(doc);
    await session.close();
    const stored = JSON.parse((await readObject('env/bkp.state.json')).text) as StateDocument;
    expect(stored).to.include({ serial: 17, lineage: '11111111-2222-4333-8444-555555555555', bkp_version: '0.9.0' });
  });

  it('refuses a damaged or foreign object without touching it, naming the object and how to restore it', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'env/bkp.state.json', Body: '{"format_version": 1, "serial": ' }));
    const corrupt = await expectUserError(backendFor().open(OPEN), ErrorCode.StateCorrupt);
    expect(corrupt.message).to.include(`The state file s3://${bucket}/env/bkp.state.json is not valid JSON`);
    expect(corrupt.hint).to.include(`list-object-versions --bucket ${bucket} --prefix env/bkp.state.json`);
    expect(await objectExists('env/bkp.state.json.lock'), 'a failed open releases its lock').to.equal(false);

    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'tf.json', Body: '{"version": 4, "terraform_version": "1.9.0"}' }));
    const foreign = await expectUserError(backendFor('tf.json').open(OPEN), ErrorCode.StateForeign);
    expect(foreign.message).to.include('it is a Terraform state file');
    expect(foreign.hint).to.include('"key" of the backend "s3" block');
  });

  it('holds a lock object with the local lock info; a second opener is refused, naming the holder', async () => {
    const holder = await backendFor().open({ ...OPEN, operation: 'apply' });
    const info = holder.lockInfo!;
    const lockObject = JSON.parse((await readObject('env/bkp.state.json.lock')).text);
    expect(lockObject).to.deep.equal(info);
    expect(info).to.include({ Operation: 'apply', Pid: process.pid, Version: '1.0.0' });

    const error = await expectUserError(backendFor().open({ ...OPEN, operation: 'plan' }), ErrorCode.StateLocked);
    expect(error.message).to.include(`The state s3://${bucket}/env/bkp.state.json is locked by ${info.Who} (pid ${process.pid}, operation "apply"`);
    expect(error.message).to.include(`lock ID ${info.ID}`);
    expect(error.hint).to.include('-lock-timeout=30s');
    expect(error.hint).to.include(`bkp force-unlock ${info.ID}`);

    // -lock=false reads without waiting for the lock.
    const reader = await backendFor().open({ ...OPEN, lock: false });
    expect(reader.lockInfo).to.equal(undefined);
    await reader.close();

    await holder.close();
    expect(await objectExists('env/bkp.state.json.lock')).to.equal(false);
  });

  it('waits for the lock with -lock-timeout, and says how long it waited when it gives up', async () => {
    const holder = await backendFor().open(OPEN);
    const waiting = backendFor().open({ ...OPEN, lockTimeoutMs: 10_000 });
    setTimeout(() => void holder.close(), 300);
    const next = await waiting;
    expect(next.lockInfo?.ID).to.not.equal(holder.lockInfo?.ID);

    const timedOut = await expectUserError(backendFor().open({ ...OPEN, lockTimeoutMs: 400 }), ErrorCode.StateLocked);
    expect(timedOut.message).to.match(/^Timed out after 400ms waiting for the state lock\. The state .* is locked by /);
    await next.close();
  });

  it('force-unlock removes the lock only by its ID; the session that lost it writes nothing more', async () => {
    const backend = backendFor();
    const holder = await backend.open(OPEN);
    const id = holder.lockInfo!.ID;
    const wrong = await expectUserError(backend.forceUnlock('not-the-id'), ErrorCode.StateLocked);
    expect(wrong.message).to.include(`it is held by`);
    expect(wrong.hint).to.include(`bkp force-unlock ${id}`);

    const removed = await backend.forceUnlock(id);
    expect(removed.ID).to.equal(id);
    expect(await objectExists('env/bkp.state.json.lock')).to.equal(false);
    const lost = await expectUserError(holder.persist(withResource(holder.current(), sampleResource('late'))), ErrorCode.StateLocked);
    expect(lost.message).to.include('bkp lost its lock on the state');
    expect(await objectExists('env/bkp.state.json')).to.equal(false);
    await holder.close();

    const none = await expectUserError(backend.forceUnlock(id), ErrorCode.StateLocked);
    expect(none.message).to.include('is not locked');
  });

  it('a damaged or empty lock object gets a damaged-… ID that force-unlock removes, and nothing else', async () => {
    for (const body of ['garbage{', '']) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'env/bkp.state.json.lock', Body: body }));
      const backend = backendFor();
      const locked = await expectUserError(backend.open(OPEN), ErrorCode.StateLocked);
      expect(locked.message, body).to.include('cannot be read');
      const id = /bkp force-unlock (damaged-[0-9a-f]{12})/.exec(locked.hint ?? '')?.[1];
      expect(id, locked.hint).to.be.a('string');
      expect(locked.hint, body).to.not.include('-lock-timeout');
      const wrong = await expectUserError(backend.forceUnlock('damaged-000000000000'), ErrorCode.StateLocked);
      expect(wrong.hint).to.include(`bkp force-unlock ${id}`);
      expect(await objectExists('env/bkp.state.json.lock')).to.equal(true);
      expect((await backend.forceUnlock(id!)).ID).to.equal(id);
      expect(await objectExists('env/bkp.state.json.lock')).to.equal(false);
      await (await backend.open(OPEN)).close();
    }
  });

  it('reports a missing bucket with its region and how to create it', async () => {
    const error = await expectUserError(backendFor('k', { bucket: 'no-such-bucket-here' }).open(OPEN), ErrorCode.AwsNotFound);
    expect(error.message).to.equal('The S3 bucket "no-such-bucket-here" of backend "s3" does not exist (region us-east-1).');
    expect(error.hint).to.include('aws s3api create-bucket --bucket no-such-bucket-here --region us-east-1');
  });

  it('reports an unreachable endpoint without a stack', async () => {
    const error = await expectUserError(backendFor('k', { endpoint: 'http://127.0.0.1:9', maxAttempts: 1 }).open(OPEN), ErrorCode.AwsCall);
    expect(error.message).to.include('Cannot reach http://127.0.0.1:9 for s3:GetBucketVersioning on bucket');
    expect(error.message).to.include('connection refused');
    expect(error.hint).to.include('"endpoint" of the backend "s3" block');
  });
});
