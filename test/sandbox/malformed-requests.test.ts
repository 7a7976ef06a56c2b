// Requests no SDK would send, as a hostile or hand-written client may (curl, a raw POST): the
// sandbox answers AWS's 400 errors for them, never a 5xx. They go straight to dispatch().
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../src/sandbox/dispatch.js';
import { forgetCachedAccount } from '../../src/sandbox/account.js';

interface Reply {
  status: number;
  errorType: string | undefined;
  body: string;
}

describe('sandbox: malformed requests get 400s, not 500s', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-malformed-'));
    path = join(dir, 'sandbox.json');
  });
  afterEach(() => {
    forgetCachedAccount(path);
    rmSync(dir, { recursive: true, force: true });
  });

  async function send(service: string, options: { method?: string; path?: string; target?: string; body?: string }): Promise<Reply> {
    const headers: Record<string, string> = {
      'content-type': 'application/x-amz-json-1.1',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAANYTHING/20261125/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
    };
    if (options.target !== undefined) headers['x-amz-target'] = options.target;
    const response = await dispatch(
      { method: options.method ?? 'POST', path: options.path ?? '/', query: {}, headers, body: new TextEncoder().encode(options.body ?? '') },
      { path, region: 'us-east-1', accountId: '123456789012' },
    );
    return { status: response.status, errorType: response.headers['x-amzn-errortype'], body: new TextDecoder().decode(response.body) };
  }

  it('answers 400 for a bad percent-encoding in a Backup path', async () => {
    const reply = await send('backup', { method: 'GET', path: '/backup-vaults/%ZZ' });
    expect(reply.status, reply.body).to.equal(400);
    expect(reply.errorType).to.equal('InvalidParameterValueException');
  });

  const targets: Array<[string, string]> = [
    ['kms', 'TrentService.DescribeKey'],
    ['kms', 'TrentService.ListAliases'],
    ['organizations', 'AWSOrganizationsV20161128.ListAccounts'],
    ['fsx', 'AWSSimbaAPIService_v20180301.DescribeFileSystems'],
    ['fsx', 'AWSSimbaAPIService_v20180301.DescribeVolumes'],
    ['tagging', 'ResourceGroupsTaggingAPI_20170126.GetResources'],
  ];
  for (const [service, target] of targets) {
    it(`answers SerializationException when the body of ${target} is not a JSON object`, async () => {
      for (const body of ['null', '[]', '"x"', '3']) {
        const reply = await send(service, { target, body });
        expect(reply.status, `${body}: ${reply.body}`).to.equal(400);
        expect(reply.errorType, body).to.equal('SerializationException');
      }
    });
  }

  it('answers ValidationException for list members of the wrong shape', async () => {
    const cases: Array<[string, string, unknown]> = [
      ['fsx', 'AWSSimbaAPIService_v20180301.DescribeVolumes', { Filters: [null] }],
      ['fsx', 'AWSSimbaAPIService_v20180301.DescribeVolumes', { Filters: 'x' }],
      ['fsx', 'AWSSimbaAPIService_v20180301.DescribeVolumes', { Filters: [{ Name: 'file-system-id', Values: [null] }] }],
      ['tagging', 'ResourceGroupsTaggingAPI_20170126.GetResources', { TagFilters: [null] }],
      ['tagging', 'ResourceGroupsTaggingAPI_20170126.GetResources', { TagFilters: 'x' }],
      ['tagging', 'ResourceGroupsTaggingAPI_20170126.GetResources', { TagFilters: [{ Key: 1 }] }],
      ['tagging', 'ResourceGroupsTaggingAPI_20170126.GetResources', { ResourceTypeFilters: [1, 2] }],
      ['organizations', 'AWSOrganizationsV20161128.TagResource', { ResourceId: 'r-0000', Tags: [null] }],
    ];
    for (const [service, target, input] of cases) {
      const reply = await send(service, { target, body: JSON.stringify(input) });
      expect(reply.status, `${target} ${JSON.stringify(input)}: ${reply.body}`).to.equal(400);
      expect(reply.errorType, JSON.stringify(input)).to.equal('ValidationException');
    }
  });

  it('does not take an inherited member of the operation table for an operation', async () => {
    const reply = await send('kms', { target: 'TrentService.constructor', body: '{}' });
    expect(reply.status).to.equal(400);
    expect(reply.errorType).to.equal('UnknownOperationException');
  });
});
