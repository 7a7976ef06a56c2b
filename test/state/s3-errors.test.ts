// S3 answers the state backend turns into user errors, served by a tiny local endpoint that
// refuses everything the way S3 does (moto grants every call, so it cannot show these).
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { S3BucketStore } from '../../src/aws/s3-client.js';
import { ErrorCode, UserError } from '../../src/core/errors.js';
import { S3StateBackend } from '../../src/state/s3-backend.js';

const OPEN = { operation: 'plan', lockTimeoutMs: 0, lock: true } as const;

describe('S3 state backend errors', () => {
  let server: Server;
  let endpoint: string;
  /** The S3 error code the endpoint answers for each request path ("/bucket?versioning", "/bucket/key"). */
  let answer: (method: string, url: string) => { status: number; code: string };
  const saved = { key: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, profile: process.env.AWS_PROFILE };

  before(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'testing';
    process.env.AWS_SECRET_ACCESS_KEY = 'testing';
    delete process.env.AWS_PROFILE;
    server = createServer((request, response) => {
      const { status, code } = answer(request.method ?? 'GET', request.url ?? '/');
      request.resume();
      response.writeHead(status, { 'content-type': 'application/xml' });
      response.end(status === 200 ? '<VersioningConfiguration/>' : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code} from the test endpoint</Message></Error>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.key], ['AWS_SECRET_ACCESS_KEY', saved.secret], ['AWS_PROFILE', saved.profile]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const backend = (profile?: string) =>
    new S3StateBackend({
      bucket: 'team-state',
      key: 'prod/bkp.state.json',
      openStore: async () => new S3BucketStore({ bucket: 'team-state', region: 'eu-west-1', endpoint, maxAttempts: 1, ...(profile ? { profile } : {}) }),
    });
  const failure = async (promise: Promise<unknown>): Promise<UserError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(UserError);
    return error as UserError;
  };

  it('names the denied action, the object and the credentials when S3 answers AccessDenied', async () => {
    // Versioning may be read; creating the lock object is refused.
    answer = (method) => (method === 'GET' ? { status: 200, code: '' } : { status: 403, code: 'AccessDenied' });
    const error = await failure(backend().open(OPEN));
    expect(error.code).to.equal(ErrorCode.AwsAccessDenied);
    expect(error.message).to.equal(
      'Access denied: S3 refused s3:PutObject on s3://team-state/prod/bkp.state.json.lock for the access key in AWS_ACCESS_KEY_ID.',
    );
    expect(error.hint).to.include('Grant s3:PutObject on arn:aws:s3:::team-state/prod/bkp.state.json.lock');
  });

  it('says that S3 did not know the credentials, not that a permission is missing, for an unknown key or a bad signature', async () => {
    for (const [code, meaning] of [
      ['InvalidAccessKeyId', 'the access key ID does not exist in AWS'],
      ['SignatureDoesNotMatch', 'secret access key that does not match'],
      ['ExpiredToken', 'the session token has expired'],
    ]) {
      answer = () => ({ status: 403, code: code! });
      const error = await failure(backend().open(OPEN));
      expect(error.message, code).to.match(/^S3 did not accept the credentials \(the access key in AWS_ACCESS_KEY_ID\): /);
      expect(error.message, code).to.include(meaning);
      expect(error.message, code).to.not.include('Access denied');
      expect(error.hint, code).to.include('No permission is missing');
    }
  });

  it('reads an access denied on GetBucketVersioning as "cannot check", not as a failure', async () => {
    answer = (method, url) =>
      url.includes('versioning') ? { status: 403, code: 'AccessDenied' } : method === 'GET' ? { status: 404, code: 'NoSuchKey' } : { status: 403, code: 'AccessDenied' };
    const session = await backend().open({ ...OPEN, lock: false });
    expect(session.warnings?.join('\n')).to.include('could not check whether versioning is on for the state bucket "team-state"');
    expect(session.current().serial).to.equal(0);
    await session.close();
  });

  it('reports missing credentials for the profile of the backend block, naming it', async () => {
    answer = () => ({ status: 403, code: 'AccessDenied' });
    process.env.AWS_CONFIG_FILE = '/dev/null';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    try {
      const error = await failure(backend('ops').open(OPEN));
      // Without such a profile the SDK finds no credentials: that is reported, with the profile named.
      expect(error.message).to.include('No AWS credentials for the S3 state backend (profile "ops" (backend "s3" block))');
      expect(error.hint).to.include('Check that profile "ops" exists in the shared AWS files');
    } finally {
      delete process.env.AWS_CONFIG_FILE;
      delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      process.env.AWS_ACCESS_KEY_ID = 'testing';
      process.env.AWS_SECRET_ACCESS_KEY = 'testing';
    }
  });
});
