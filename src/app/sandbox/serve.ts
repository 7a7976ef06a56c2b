// `bkp sandbox serve`: the sandbox over HTTP on a loopback address until Ctrl-C.
import { startSandboxServer, type RunningSandboxServer } from '../../sandbox/server.js';
import { ErrorCode, UserError } from '../../core/errors.js';
import { numberOptionMessage } from '../options.js';
import type { CommandContext } from '../context.js';
import { notify } from '../io-host.js';
import { accountDefaults, announceSandboxFile, resolveSandboxFile, type SandboxFileFlags } from './common.js';

export interface ServeFlags extends SandboxFileFlags {
  port?: number;
  host?: string;
}

/** Starts the server and says where it listens; the caller decides when to close it. */
export async function startServe(ctx: CommandContext, flags: ServeFlags): Promise<RunningSandboxServer> {
  const port = flags.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(ErrorCode.Usage, numberOptionMessage('--port', 'a whole number from 0 to 65535', port), {
      hint: '0 (the default) picks a free port, and the serving message says which.',
    });
  }
  const defaults = accountDefaults(flags);
  // The serving message names the file itself; a choice among several providers is announced.
  const file = await resolveSandboxFile(ctx, flags);
  if (file.others.length > 0) await announceSandboxFile(ctx, file);
  const path = file.path;
  const server = await startSandboxServer({
    path,
    port,
    host: flags.host ?? '127.0.0.1',
    ...defaults,
  });
  const region = flags.region ?? 'us-east-1';
  const text = [
      `Sandbox listening on ${server.endpoint} (account file ${path}${file.origin === 'configuration' ? `, from provider "${file.provider}"` : ''}).`,
      `Point any AWS SDK or the AWS CLI at it with any credentials, e.g.:`,
    `  aws --endpoint-url ${server.endpoint} --region ${region} backup list-backup-vaults`,
    'Press Ctrl-C to stop.',
  ].join('\n');
  await notify(ctx.host, 'BKP_R_SANDBOX_SERVING', 'result', text, { endpoint: server.endpoint, path, region });
  return server;
}

/** Serves until SIGINT or SIGTERM (or `stop` aborts), then closes cleanly. */
export async function runServe(ctx: CommandContext, flags: ServeFlags, stop?: AbortSignal): Promise<number> {
  const server = await startServe(ctx, flags);
  await new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (stop?.aborted) done();
    else stop?.addEventListener('abort', done);
  });
  await server.close();
  await notify(ctx.host, 'BKP_I_SANDBOX_STOPPED', 'info', 'Sandbox server stopped.', {});
  return 0;
}
