// An account's AWS Backup settings, read for `bkp check -refresh`: the Region's service opt-in
// (DescribeRegionSettings) and whether cross-account backup is on (DescribeGlobalSettings). Plain
// shapes: the policy layer turns them into its facts.
import { createBackupClient, type ClientSettings } from './clients.js';
import { awsCallError, awsErrorName, UnreadableReplyError } from './errors.js';

export interface AccountSettingsRead {
  /** Resource type → opted in, for the provider's Region. */
  optIn: Record<string, boolean>;
  /** Undefined when AWS does not say (an account outside an organization). */
  crossAccountBackup?: boolean;
}

export async function readAccountSettings(settings: ClientSettings, provider: string): Promise<AccountSettingsRead | undefined> {
  const { DescribeGlobalSettingsCommand, DescribeRegionSettingsCommand } = await import('./sdk/client-backup.js');
  const client = createBackupClient(settings);
  try {
    const region = await client.send(new DescribeRegionSettingsCommand({}));
    const read: AccountSettingsRead = { optIn: { ...region.ResourceTypeOptInPreference } };
    try {
      const global = await client.send(new DescribeGlobalSettingsCommand({}));
      const flag = global.GlobalSettings?.isCrossAccountBackupEnabled;
      if (flag !== undefined) read.crossAccountBackup = flag.toLowerCase() === 'true';
    } catch (e) {
      // AWS answers only accounts of an organization: elsewhere there is nothing to know.
      const name = awsErrorName(e);
      if (name !== 'InvalidRequestException' && name !== 'AccessDeniedException' && !notServed(e)) throw e;
    }
    return read;
  } catch (e) {
    // An AWS-compatible endpoint without the operations (moto) has no settings to report.
    if (notServed(e)) return undefined;
    throw awsCallError(e, 'Reading the AWS Backup settings of', `provider ${provider}`);
  } finally {
    client.destroy();
  }
}

/** A reply that is not AWS Backup's: the endpoint does not serve the operation. */
function notServed(error: unknown): boolean {
  return error instanceof SyntaxError || error instanceof UnreadableReplyError || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;
}
