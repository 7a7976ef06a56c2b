// bkp init: a starter configuration on the sandbox provider.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext, type GlobalFlags } from '../context.js';

export function initCommand(io: Io): BkpCommand {
  return {
    command: 'init',
    describe: 'Write a starter main.bkp.hcl (sandbox provider) and a .gitignore for state files',
    builder: (y) => y,
    handler: async (flags: GlobalFlags) => {
      const { runInit } = await import('../run/init.js');
      process.exitCode = await runInit(commandContext(flags, io));
    },
  };
}
