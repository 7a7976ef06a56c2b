// bkp init: a starter configuration on the sandbox provider.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext, type GlobalFlags } from '../context.js';
import type { InitFlags } from '../../app/init.js';
import { stateOptions } from './shared-options.js';

export function initCommand(io: Io): BkpCommand {
  return {
    command: 'init',
    describe: 'Write a starter main.bkp.hcl (sandbox provider) and a .gitignore for state files; -migrate-state moves the state to a new backend',
    builder: (y) =>
      stateOptions(y)
        .option('migrate-state', {
          type: 'boolean',
          default: false,
          describe: 'Copy the state from the previous backend into the one the configuration now declares (lineage and serial kept)',
        })
        .option('force-copy', {
          type: 'boolean',
          default: false,
          describe: 'With -migrate-state: replace a newer or unrelated state already in the new backend',
        }),
    handler: async (flags: GlobalFlags & InitFlags) => {
      const { runInit } = await import('../../app/init.js');
      process.exitCode = await runInit(commandContext(flags, io), flags);
    },
  };
}
