// An endpoint the AWS SDK cannot parse is refused before any call, with how to write one: in a
// provider "aws" or backend "s3" block (test/resources/validate.test.ts positions it) and in
// `bkp generate -endpoint`.
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointMistake } from '../../src/resources/rules/endpoint.js';
import { runInProcess } from '../reliability/support/in-process.js';

describe('endpoint URLs', () => {
  it('accepts what the SDK can call and says what is wrong with the rest', () => {
    for (const good of ['http://127.0.0.1:5000', 'https://s3.example.com', 'http://[::1]:9000', 'http://localhost:4566/']) expect(endpointMistake(good), good).to.equal(undefined);
    expect(endpointMistake('http://my host:5000')).to.equal(
      '"http://my host:5000" is not a URL the AWS SDK can call: write it as http://HOST[:PORT] or https://HOST[:PORT], with no spaces and a port from 1 to 65535 (for example http://127.0.0.1:5000).',
    );
    expect(endpointMistake('https://s3.example.com:70000')).to.contain('is not a URL the AWS SDK can call');
    expect(endpointMistake('localhost:5000')).to.match(/^"localhost:5000" does not start with http:\/\/ or https:\/\//);
  });

  it('bkp generate -endpoint refuses one before reading the account, with exit code 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bkp-endpoint-'));
    try {
      const result = await runInProcess(dir, ['generate', '-out=adopted', '-region=eu-west-1', '-endpoint=http://my host:5000', '-no-color']);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.contain('-endpoint: "http://my host:5000" is not a URL the AWS SDK can call').and.not.contain('This is a bug');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
