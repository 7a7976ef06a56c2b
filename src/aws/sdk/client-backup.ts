// AWS Backup's SDK package, whole: every kind's handler uses some of its commands (docs/architecture.md, "Start-up").
export * from '@aws-sdk/client-backup';
