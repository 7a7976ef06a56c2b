// bkp simulate: what a backup policy really produces over N days, on a scratch sandbox account.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext } from '../context.js';
import { varOptions } from './shared-options.js';
import type { SimulateFlags } from '../../app/simulate.js';
import { needsValue } from './option-values.js';

export function simulateCommand(io: Io): BkpCommand {
  return {
    command: 'simulate',
    describe: 'Apply the configuration to a scratch copy of the sandbox account and report the recovery points it produces over N days',
    builder: (y) =>
      varOptions(y)
        .option('days', { type: 'string', ...needsValue('-days', 'a number of days, such as -days=400'), describe: 'How many days to simulate (1 to 3650; required)' })
        .option('start', {
          type: 'string',
          ...needsValue('-start', 'a UTC date or instant, such as -start=2026-01-01'),
          describe: 'Start at this UTC date or instant (2026-01-01, 2026-01-01T06:00:00Z) instead of the account clock',
        })
        .option('inventory-from', {
          type: 'string',
          ...needsValue('-inventory-from', 'the name of a sandbox account file'),
          describe: 'A sandbox account file whose resources stand in for provider "aws" accounts',
        })
        .option('json', { type: 'boolean', default: false, describe: 'Print the report as one JSON document' })
        .option('format', {
          type: 'string',
          choices: ['human', 'json', 'markdown'],
          default: 'human',
          describe: 'Output format; markdown suits a pull-request comment',
        }),
    handler: async (flags: SimulateFlags & Record<string, unknown>) => {
      const { runSimulate } = await import('../../app/simulate.js');
      process.exitCode = await runSimulate(commandContext(flags, io), flags);
    },
  };
}
