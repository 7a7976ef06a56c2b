// A sandbox account in a temporary directory, reached through the real BackupClient.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackupClient } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { forgetCachedAccount, openSandbox, type SandboxHandle } from '../../src/sandbox/account.js';
import { advanceClock } from '../../src/sandbox/clock.js';
import { addResource, type NewResourceOptions, type SourceResource, type SourceType } from '../../src/sandbox/inventory.js';
import type { AccountState } from '../../src/sandbox/state.js';

export const REGION = 'eu-west-1';
export const ACCOUNT_ID = '123456789012';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/service-role/AWSBackupDefaultServiceRole`;
/** A Monday, 00:00 UTC. */
export const START = new Date('2026-01-05T00:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface SandboxFixture {
  dir: string;
  path: string;
  client: BackupClient;
  /** A client that does not retry (LimitExceededException counts as throttling for the SDK's retries). */
  noRetryClient: BackupClient;
  handle: SandboxHandle;
  advance(ms: number): Promise<void>;
  addResource(type: SourceType, name: string, options?: Partial<NewResourceOptions>): Promise<SourceResource>;
  /** Change the account directly (inventory states, etc.). */
  update<T>(change: (account: AccountState) => T): Promise<T>;
  read(): Promise<AccountState>;
  now(): Promise<number>;
  cleanup(): void;
}

export async function sandboxFixture(options: { maxAttempts?: number } = {}): Promise<SandboxFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'bkp-sandbox-test-'));
  const path = join(dir, 'sandbox.json');
  const handle = openSandbox(path, { startTime: START, seed: 'test-seed', region: REGION, accountId: ACCOUNT_ID });
  await handle.read();
  const client = createBackupClient(sandboxClientSettings({ region: REGION, path: path, maxAttempts: options.maxAttempts }));
  const noRetryClient = createBackupClient(sandboxClientSettings({ region: REGION, path: path, maxAttempts: 1 }));
  return {
    dir,
    path,
    client,
    noRetryClient,
    handle,
    advance: (ms) => handle.update((account) => void advanceClock(account, ms)),
    addResource: (type, name, opts = {}) =>
      handle.update((account) =>
        addResource(account, type, name, { region: REGION, accountId: ACCOUNT_ID, now: new Date(account.clock.now).toISOString(), ...opts }),
      ),
    update: (change) => handle.update(change),
    read: () => handle.read(),
    now: async () => (await handle.read()).clock.now,
    cleanup: () => {
      client.destroy();
      noRetryClient.destroy();
      forgetCachedAccount(path);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type SdkError = Error & { $metadata?: { httpStatusCode?: number }; [key: string]: unknown };

/** The error an SDK call rejects with (fails the test when the call succeeds). */
export async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
