// `bkp sandbox serve --port 0` as a child process of a test: the built CLI serving the sandbox
// account of a directory on a free port of 127.0.0.1, until the test stops it (SIGINT to its PID).
import { spawn } from 'node:child_process';
import { BKP_BIN } from './cli.js';

export interface ServedSandbox {
  /** `http://127.0.0.1:PORT`, as the server announces it. */
  endpoint: string;
  /** Interrupts the server, as Ctrl-C would, and resolves with its exit code and stderr. */
  stop(): Promise<{ code: number | null; stderr: string }>;
}

/** Starts the server in DIR (its configuration's sandbox account) and resolves once it listens. */
export async function serveSandbox(dir: string): Promise<ServedSandbox> {
  const child = spawn(process.execPath, [BKP_BIN, `-chdir=${dir}`, 'sandbox', 'serve', '--port', '0'], { env: { ...process.env, NO_COLOR: '1' } });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = await new Promise<string>((resolveEndpoint, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) resolveEndpoint(match[1]!);
    });
    void exited.then((code) => reject(new Error(`bkp sandbox serve exited early with ${code}: ${stderr}`)));
  });
  return {
    endpoint,
    async stop() {
      child.kill('SIGINT');
      return { code: await exited, stderr };
    },
  };
}
