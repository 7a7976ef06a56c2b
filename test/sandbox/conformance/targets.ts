// The three servers the conformance scenario runs against: moto, the sandbox in-process, and the
// sandbox over `serve`. Each gets the same SDK clients; only moto's needs a workaround.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupClient } from '@aws-sdk/client-backup';
import { EC2Client } from '@aws-sdk/client-ec2';
import type { HttpRequest } from '@smithy/types';
import { sandboxClientSettings } from '../../../src/app/sandbox-provider.js';
import { createBackupClient, createEc2Client } from '../../../src/aws/clients.js';
import { startSandboxServer, type RunningSandboxServer } from '../../../src/sandbox/server.js';
import type { ConformanceClients } from './scenario.js';

const credentials = { accessKeyId: 'AKIACONFORMANCE', secretAccessKey: 'conformance' };

export interface Target {
  clients: ConformanceClients;
  close(): Promise<void>;
}

/**
 * moto routes ListTags only as `GET /tags/{arn}/` (with the trailing slash the AWS CLI sends);
 * the JS SDK sends no slash. Only the moto client gets this rewrite.
 */
function addListTagsSlash(client: BackupClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as HttpRequest;
      if (request.method === 'GET' && request.path.startsWith('/tags/') && !request.path.endsWith('/')) request.path += '/';
      return next(args);
    },
    { step: 'build', name: 'motoListTagsTrailingSlash' },
  );
}

function endpointClients(endpoint: string): ConformanceClients {
  const common = { region: 'us-east-1', endpoint, credentials, maxAttempts: 1 };
  return { backup: new BackupClient(common), ec2: new EC2Client(common) };
}

export function motoTarget(endpoint: string): Target {
  const clients = endpointClients(endpoint);
  addListTagsSlash(clients.backup);
  return { clients, close: async () => destroy(clients) };
}

export async function inProcessTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'bkp-conformance-'));
  const settings = sandboxClientSettings({ region: 'us-east-1', path: join(dir, 'sandbox.json') });
  const clients = { backup: createBackupClient(settings), ec2: await createEc2Client(settings) };
  return { clients, close: async () => rmSync(dir, { recursive: true, force: true }) };
}

export async function servedTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'bkp-conformance-'));
  const server: RunningSandboxServer = await startSandboxServer({ path: join(dir, 'sandbox.json') });
  const clients = endpointClients(server.endpoint);
  return {
    clients,
    close: async () => {
      destroy(clients);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function destroy(clients: ConformanceClients): void {
  clients.backup.destroy();
  clients.ec2.destroy();
}
