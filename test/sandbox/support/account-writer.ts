// Child process for the multi-process test: makes `count` changes to one sandbox account file,
// alternating SDK calls (CreateBackupVault) and direct in-process updates (openSandbox).
import { CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../../src/aws/clients.js';
import { sandboxClientSettings } from '../../../src/app/sandbox-provider.js';
import { openSandbox } from '../../../src/sandbox/account.js';

const [path, prefix, countText] = process.argv.slice(2);
if (path === undefined || prefix === undefined || countText === undefined) {
  process.stderr.write('usage: account-writer PATH PREFIX COUNT\n');
  process.exit(2);
}
const client = createBackupClient(sandboxClientSettings({ region: 'eu-west-1', path: path }));
const handle = openSandbox(path);
for (let i = 0; i < Number(countText); i++) {
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: `${prefix}-${i}` }));
  await handle.update((account) => {
    const marks = (account.extensions['writer-test'] ??= {}) as Record<string, number>;
    marks[`${prefix}-${i}`] = process.pid;
  });
}
client.destroy();
