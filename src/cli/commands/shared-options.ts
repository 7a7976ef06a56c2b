// Flags shared by several commands.
import type { Argv } from 'yargs';

export interface VarFlags {
  var?: string[];
  'var-file'?: string[];
}

export function varOptions<T>(y: Argv<T>) {
  return y
    .option('var', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'Set a variable: -var name=value (repeatable)',
    })
    .option('var-file', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'Read variables from a *.bkpvars.hcl or JSON file (repeatable)',
    });
}
