// bkp convert TF_DIR -out=DIR [-state=terraform.tfstate]: a Terraform configuration's aws_backup_*
// resources as a bkp configuration, with import blocks from the Terraform state.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext, type GlobalFlags } from '../context.js';
import { needsValue, nonEmptyArgument } from './option-values.js';

interface ConvertFlags extends GlobalFlags {
  terraformDir?: string;
  'from-terraform'?: string;
  out?: string;
  state?: string;
  force?: boolean;
}

export function convertCommand(io: Io): BkpCommand {
  return {
    command: 'convert [terraformDir]',
    describe: 'Convert a Terraform configuration of aws_backup_* resources (and its state) into bkp configuration',
    builder: (y) =>
      y
        .positional('terraformDir', { type: 'string', ...nonEmptyArgument('terraformDir', 'a Terraform configuration directory'), describe: 'The Terraform configuration directory (*.tf files)' })
        .option('from-terraform', { type: 'string', ...needsValue('-from-terraform', 'a Terraform configuration directory'), describe: 'The Terraform directory (instead of the positional argument)' })
        .option('out', { type: 'string', ...needsValue('-out', 'a directory, such as -out=backup'), describe: 'Directory to write into (new or empty)' })
        .option('state', { type: 'string', ...needsValue('-state', 'the name of a Terraform state file, such as -state=terraform.tfstate'), describe: 'A Terraform state file (JSON, version 4): writes import blocks with its ids' })
        .option('force', { type: 'boolean', default: false, describe: 'Write into a directory that is not empty' })
        .example('bkp convert infra/backup -out=backup -state=infra/backup/terraform.tfstate', 'Convert, with imports from the state'),
    handler: async (flags: ConvertFlags) => {
      const { runConvert } = await import('../../app/convert.js');
      const terraformDir = flags.terraformDir ?? flags['from-terraform'];
      const { UserError, ErrorCode } = await import('../../core/errors.js');
      if (terraformDir === undefined) {
        throw new UserError(ErrorCode.Usage, 'bkp convert needs the Terraform directory: bkp convert TF_DIR -out=DIR.', { hint: 'For example: bkp convert infra/backup -out=backup' });
      }
      process.exitCode = await runConvert(commandContext(flags, io), { terraformDir, out: flags.out, state: flags.state, force: flags.force === true });
    },
  };
}
