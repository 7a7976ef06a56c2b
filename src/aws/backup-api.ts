// The AWS Backup SDK module, loaded on first use. Every command loads the kinds' handlers (the
// registry lists them), but only the commands that call AWS need the SDK: importing it costs about
// 150 ms of start-up that `bkp validate` must not pay (bench/RESULTS.md). Types come from
// `import type`, which costs nothing at run time.
export type BackupApi = typeof import('./sdk/client-backup.js');

let loading: Promise<BackupApi> | undefined;

export function backupApi(): Promise<BackupApi> {
  return (loading ??= import('./sdk/client-backup.js'));
}
