// bkp generate -out=DIR: a configuration, with import blocks, for what an account already holds.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext, type GlobalFlags } from '../context.js';
import { needsValue } from './option-values.js';

interface GenerateFlags extends GlobalFlags {
  out?: string;
  force?: boolean;
  region?: string;
  profile?: string;
  endpoint?: string;
  sandbox?: string;
  parallelism?: number;
}

export function generateCommand(io: Io): BkpCommand {
  return {
    command: 'generate',
    describe: 'Write a configuration and import blocks for everything bkp manages in an account',
    builder: (y) =>
      y
        .option('out', { type: 'string', ...needsValue('-out', 'a directory, such as -out=adopted'), describe: 'Directory to write into (new or empty)' })
        .option('force', { type: 'boolean', default: false, describe: 'Write into a directory that is not empty' })
        .option('region', { type: 'string', ...needsValue('-region', 'a Region name, such as -region=eu-west-1'), describe: 'Region to read (default: AWS_REGION)' })
        .option('profile', { type: 'string', ...needsValue('-profile', 'the name of an AWS profile'), describe: 'AWS profile to read with (written into the provider block)' })
        .option('endpoint', { type: 'string', ...needsValue('-endpoint', 'a URL, such as -endpoint=http://127.0.0.1:4566'), describe: 'An AWS-compatible endpoint (written into the provider block)' })
        .option('sandbox', { type: 'string', ...needsValue('-sandbox', 'the name of a sandbox account file'), describe: 'Read a sandbox account file instead of AWS' })
        .option('parallelism', { type: 'number', default: 10, describe: 'AWS calls at once' })
        .example('bkp generate -out=adopted -region=eu-west-1', 'Adopt the AWS Backup objects of eu-west-1')
        .example('bkp generate -out=adopted -sandbox=.bkp/sandbox.json -region=eu-west-1', 'Adopt a sandbox account'),
    handler: async (flags: GenerateFlags) => {
      const { runGenerate } = await import('../../app/generate.js');
      process.exitCode = await runGenerate(commandContext(flags, io), {
        out: flags.out,
        force: flags.force === true,
        region: flags.region,
        profile: flags.profile,
        endpoint: flags.endpoint,
        sandbox: flags.sandbox,
        parallelism: flags.parallelism ?? 10,
      });
    },
  };
}
