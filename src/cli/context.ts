// The context every command handler gives its use case: the CLI as host, and -chdir.
import { resolve } from 'node:path';
import type { CommandContext } from '../app/context.js';
import { CliIoHost } from './io-host.js';
import type { Io } from './io.js';

export interface GlobalFlags {
  [flag: string]: unknown;
  chdir?: string;
  color?: boolean;
}

export function commandContext(flags: GlobalFlags, io: Io): CommandContext {
  return { host: new CliIoHost(io), dir: resolve(process.cwd(), flags.chdir ?? '.') };
}
