// Child process for the journal tests: makes one change to a sandbox account file, then is killed
// before it can exit, so the journal it wrote is left behind unfolded.
import { openSandbox } from '../../../src/sandbox/account.js';

const [path, key] = process.argv.slice(2);
if (path === undefined || key === undefined) {
  process.stderr.write('usage: killed-writer PATH KEY\n');
  process.exit(2);
}
await openSandbox(path).update((account) => {
  account.extensions[key] = process.pid;
});
process.kill(process.pid, 'SIGKILL');
