// A provider's assume_role in the application layer, against a stand-in STS on 127.0.0.1: one
// AssumeRole shared by every client of the provider, the role's account as the provider's
// location, and a refused AssumeRole reported as a user error naming provider, role and STS's words.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderClients } from '../../src/app/providers.js';
import { defaultSessionName, roleAccountId } from '../../src/aws/assume-role.js';
import { UserError } from '../../src/core/errors.js';
import type { ProviderConfig } from '../../src/config/model.js';
import type { ObjectValue } from '../../src/core/values.js';

const ROLE = 'arn:aws:iam::210987654321:role/bkp-deployer';
const DENIED = 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole on resource: ' + ROLE;

function assumed(expiration: string): string {
  return (
    '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>' +
    `<AccessKeyId>ASIAASSUMEDEXAMPLE01</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey><SessionToken>assumed-token</SessionToken><Expiration>${expiration}</Expiration>` +
    `</Credentials><AssumedRoleUser><Arn>${ROLE}/s</Arn><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>` +
    '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>'
  );
}
const denied =
  '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>' +
  `<Message>${DENIED}</Message></Error><RequestId>r-2</RequestId></ErrorResponse>`;

function provider(key: string, attributes: ObjectValue): ProviderConfig {
  const [type, alias] = key.split('.');
  return { type: type!, alias, key, attributes, ranges: {}, range: undefined } as unknown as ProviderConfig;
}

describe('app: provider assume_role', () => {
  let server: Server;
  let endpoint: string;
  /** The form bodies of the AssumeRole requests received. */
  let requests: URLSearchParams[];
  let refuse = false;
  /** Roles whose AssumeRole the stand-in refuses, and how many requests it held at once. */
  let refused = new Set<string>();
  let inFlight = 0;
  let mostInFlight = 0;
  const savedEnv = { ...process.env };

  before(async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIAMASTEREXAMPLE001', AWS_SECRET_ACCESS_KEY: 'master-secret', AWS_EC2_METADATA_DISABLED: 'true' });
    delete process.env.AWS_PROFILE;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        if (form.get('Action') === 'AssumeRole') requests.push(form);
        const no = refuse || refused.has(form.get('RoleArn') ?? '');
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        // Held a moment, so that concurrent checks overlap here.
        setTimeout(() => {
          inFlight--;
          res.writeHead(no ? 403 : 200, { 'content-type': 'text/xml' });
          res.end(no ? denied : assumed('2099-01-01T00:00:00Z'));
        }, 50);
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    process.env = savedEnv;
    await new Promise((done) => server.close(done));
  });
  beforeEach(() => {
    requests = [];
    refuse = false;
    refused = new Set();
    mostInFlight = 0;
  });

  it('signs every client of the provider with one AssumeRole, with the block\'s parameters', async () => {
    const clients = new ProviderClients({
      dir: '.',
      providers: [
        provider('aws.prod', { alias: 'prod', region: 'eu-west-1', endpoint, assume_role: { role_arn: ROLE, external_id: 'bkp-prod', session_name: 'bkp-ci', duration_seconds: 1800 } }),
      ],
    });
    try {
      const set = await clients.clients('aws.prod');
      const other = await clients.clients('aws.prod', { region: 'us-east-1', account_id: '210987654321' });
      const identities = await Promise.all([set.backup.config.credentials(), (await set.tagging()).config.credentials(), (await set.organizations()).config.credentials(), other.backup.config.credentials()]);
      expect(identities.map((c) => c.accessKeyId)).to.deep.equal(Array(4).fill('ASIAASSUMEDEXAMPLE01'));
      expect(requests).to.have.length(1);
      const form = requests[0]!;
      expect([form.get('RoleArn'), form.get('ExternalId'), form.get('RoleSessionName'), form.get('DurationSeconds')]).to.deep.equal([ROLE, 'bkp-prod', 'bkp-ci', '1800']);
      expect(clients.location('aws.prod')).to.deep.equal({ region: 'eu-west-1', account_id: '210987654321' });
      await clients.checkCredentials();
      expect(requests).to.have.length(1);
    } finally {
      clients.destroy();
    }
  });

  it('names the provider, the role and STS\'s refusal when AssumeRole is denied', async () => {
    refuse = true;
    const clients = new ProviderClients({ dir: '.', providers: [provider('aws', { region: 'us-east-1', endpoint, assume_role: { role_arn: ROLE } })] });
    try {
      await clients.checkCredentials();
      expect.fail('checkCredentials should refuse');
    } catch (error) {
      expect(error).to.be.instanceOf(UserError);
      const e = error as UserError;
      expect(e.code).to.equal('BKP_E403');
      expect(e.message).to.equal(`Provider "aws" could not assume the role ${ROLE}: AccessDenied: ${DENIED}`);
      expect(e.hint).to.include('trust policy');
      expect(requests).to.have.length(1);
      // The refusal is not kept: once the trust policy is fixed, the next check asks STS again.
      refuse = false;
      await clients.checkCredentials();
      expect(requests).to.have.length(2);
    } finally {
      clients.destroy();
    }
  });

  it('checks the providers concurrently and reports the first failing one in configuration order', async () => {
    const role = (account: string) => `arn:aws:iam::${account}:role/bkp`;
    refused = new Set([role('300000000003'), role('400000000004')]);
    const providers = ['100000000001', '200000000002', '300000000003', '400000000004'].map((account, i) =>
      provider(`aws.a${i}`, { alias: `a${i}`, region: 'us-east-1', endpoint, assume_role: { role_arn: role(account) } }),
    );
    const clients = new ProviderClients({ dir: '.', providers });
    try {
      await clients.checkCredentials();
      expect.fail('checkCredentials should refuse');
    } catch (error) {
      expect((error as Error).message).to.match(/^Provider "aws\.a2" could not assume the role arn:aws:iam::300000000003:role\/bkp: AccessDenied/);
    } finally {
      clients.destroy();
    }
    expect(requests).to.have.length(4);
    expect(mostInFlight).to.be.greaterThan(1);
  });

  it('refuses a role_arn that is not an IAM role ARN, naming the provider', () => {
    expect(() => new ProviderClients({ dir: '.', providers: [provider('aws', { region: 'us-east-1', assume_role: { role_arn: 'arn:aws:iam::12:user/x' } })] })).to.throw(
      UserError,
      'provider "aws": assume_role.role_arn "arn:aws:iam::12:user/x" is not an IAM role ARN.',
    );
  });

  it('reads the account of a role ARN and gives STS a valid default session name', () => {
    expect(roleAccountId('arn:aws:iam::123456789012:role/path/to/bkp')).to.equal('123456789012');
    expect(roleAccountId('arn:aws-us-gov:iam::123456789012:role/bkp')).to.equal('123456789012');
    expect(roleAccountId('arn:aws:iam::123456789012:user/bkp')).to.equal(undefined);
    expect(defaultSessionName('jane doe/ops')).to.equal('bkp-jane-doe-ops');
    expect(defaultSessionName('')).to.equal('bkp-session');
    expect(defaultSessionName('x'.repeat(100))).to.have.length(64);
  });
});
