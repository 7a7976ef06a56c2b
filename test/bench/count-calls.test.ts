import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

// Four calls through a stub transport, in a child process with the counter preloaded as the
// scale benchmark preloads it into `bkp`. The stub refuses the first request once with a
// retryable 503, so one call takes two requests.
const SCRIPT = `
import { BackupClient, GetBackupPlanCommand, ListTagsCommand } from '@aws-sdk/client-backup';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
const encode = (text) => new TextEncoder().encode(text);
let handled = 0;
const requestHandler = {
  metadata: { handlerProtocol: 'stub' },
  handle: async () => {
    handled += 1;
    if (handled === 1) {
      return { response: { statusCode: 503, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceUnavailableException' }, body: encode('{"message":"try again"}') } };
    }
    return { response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: encode('{}') } };
  },
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
  destroy() {},
};
const settings = { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler };
const client = new BackupClient(settings);
await client.send(new ListTagsCommand({ ResourceArn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:a' }));
await client.send(new ListTagsCommand({ ResourceArn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:b' }));
await client.send(new GetBackupPlanCommand({ BackupPlanId: 'p' }));
const tagging = new ResourceGroupsTaggingAPIClient(settings);
await tagging.send(new GetResourcesCommand({}));
if (handled !== 5) throw new Error('the stub saw ' + handled + ' requests');
`;

describe('bench: API call counter', () => {
  it('counts SDK calls per operation of every AWS client in a process it is preloaded into, and every request they took', function () {
    this.timeout(30_000);
    const dir = mkdtempSync(join(tmpdir(), 'bkp-bench-test-'));
    try {
      const callsFile = join(dir, 'calls.json');
      const child = spawnSync(process.execPath, ['--import', './bench/lib/count-calls.mjs', '--input-type=module', '-e', SCRIPT], {
        cwd: ROOT,
        env: { ...process.env, BKP_BENCH_CALLS_FILE: callsFile, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        encoding: 'utf8',
      });
      expect(child.status, child.stderr).to.equal(0);
      const counted = JSON.parse(readFileSync(callsFile, 'utf8')) as { calls: Record<string, number>; requests: number };
      expect(counted.calls).to.deep.equal({ GetBackupPlan: 1, ListTags: 2, 'Resource Groups Tagging API: GetResources': 1 });
      // Four calls, one of them retried once: five requests reached the transport.
      expect(counted.requests).to.equal(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
