// bkp apply [PLANFILE] and bkp destroy.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext } from '../context.js';
import { planningOptions } from './shared-options.js';
import type { ApplyFlags } from '../../app/apply.js';
import { needsValue, nonEmptyArgument } from './option-values.js';

export function applyCommand(io: Io): BkpCommand {
  return {
    command: 'apply [planfile]',
    describe: 'Make the account match the configuration (or run a saved plan)',
    builder: (y) =>
      planningOptions(y)
        .positional('planfile', { type: 'string', ...nonEmptyArgument('planfile', 'the name of a plan file saved with bkp plan -out=FILE; leave it out to plan afresh'), describe: 'A plan saved with `bkp plan -out=FILE`' })
        .option('auto-approve', { type: 'boolean', default: false, describe: 'Skip the interactive approval' })
        .option('destroy', { type: 'boolean', default: false, describe: 'Destroy every managed resource (same as bkp destroy)' })
        .option('wait', {
          type: 'boolean',
          default: false,
          describe: 'Wait for the backup jobs this apply starts to end (as bkp jobs --watch); exit 1 unless all COMPLETED',
        })
        .option('wait-interval', { type: 'string', default: '5s', ...needsValue('-wait-interval', 'a duration, such as -wait-interval=30s'), describe: 'How often -wait polls the jobs' })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'Print the outcome as one JSON document: totals and, per provider location, what was done, what failed and what never started',
        }),
    handler: async (flags: ApplyFlags & Record<string, unknown>) => {
      const { runApply } = await import('../../app/apply.js');
      process.exitCode = await runApply(commandContext(flags, io), flags);
    },
  };
}

export function destroyCommand(io: Io): BkpCommand {
  return {
    command: 'destroy',
    describe: 'Destroy every resource bkp manages (recovery points are never deleted)',
    builder: (y) => planningOptions(y).option('auto-approve', { type: 'boolean', default: false, describe: 'Skip the interactive approval' }),
    handler: async (flags: ApplyFlags & Record<string, unknown>) => {
      const { runApply } = await import('../../app/apply.js');
      process.exitCode = await runApply(commandContext(flags, io), { ...flags, destroy: true });
    },
  };
}
