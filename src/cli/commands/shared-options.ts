// Flags shared by several commands.
import type { Argv } from 'yargs';
import { needsValue, needsValues } from './option-values.js';

export function varOptions<T>(y: Argv<T>) {
  return y
    .option('var', {
      type: 'string',
      ...needsValues('-var', 'a variable name and a value, such as -var env=prod'),
      describe: 'Set a variable: -var name=value (repeatable)',
    })
    .option('var-file', {
      type: 'string',
      ...needsValues('-var-file', 'the name of a variables file, such as -var-file=prod.bkpvars.hcl'),
      describe: 'Read variables from a *.bkpvars.hcl or JSON file (repeatable)',
    });
}

export function stateOptions<T>(y: Argv<T>) {
  return y
    .option('lock', { type: 'boolean', default: true, describe: 'Lock the state while working (-lock=false to skip)' })
    .option('lock-timeout', {
      type: 'string',
      default: '0s',
      ...needsValue('-lock-timeout', 'a duration, such as -lock-timeout=30s'),
      describe: 'How long to wait for a state lock held by someone else (e.g. 30s)',
    });
}

export function planningOptions<T>(y: Argv<T>) {
  return stateOptions(varOptions(y))
    .option('target', {
      type: 'string',
      ...needsValues('-target', 'a resource or module address, such as -target=backup_vault.main'),
      describe: 'Limit the plan to this resource address and what it depends on (repeatable)',
    })
    .option('replace', {
      type: 'string',
      ...needsValues('-replace', 'a resource address, such as -replace=backup_plan.daily'),
      describe: 'Force replacement of this resource address (repeatable)',
    })
    .option('refresh', { type: 'boolean', default: true, describe: 'Read the account before planning (-refresh=false to skip)' })
    .option('refresh-only', {
      type: 'boolean',
      default: false,
      describe: 'Plan only to update the state to match the account (drift), no changes to it',
    })
    .option('parallelism', { type: 'number', default: 10, describe: 'How many AWS operations run at once' });
}
