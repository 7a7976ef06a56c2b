// An endpoint that answers with something other than an AWS reply (moto's HTML 404 page for an
// operation it lacks) is named, with the operation and HTTP status, instead of a JSON parse error.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListBackupSelectionsCommand } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { awsCallError, UnreadableReplyError } from '../../src/aws/errors.js';

describe('a reply that is not an AWS reply', () => {
  let server: Server;
  let endpoint: string;
  before(async () => {
    server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Not Found</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('names the operation, the endpoint and the HTTP status, and says the endpoint lacks the operation', async () => {
    const client = createBackupClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    const error = await client.send(new ListBackupSelectionsCommand({ BackupPlanId: 'p' })).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(UnreadableReplyError);
    const user = awsCallError(error, 'Listing the backup selections of', 'provider "aws"');
    expect(user.message).to.equal(
      `Listing the backup selections of provider "aws" failed: UnreadableReplyError: ${endpoint} answered ListBackupSelections with HTTP 404 (text/html), ` +
        'which is not an AWS reply: the endpoint does not implement ListBackupSelections.',
    );
    expect(user.message).to.not.include('SyntaxError');
    expect(user.hint).to.include('emulator');
  });
});
