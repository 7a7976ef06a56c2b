// What bkp uses of KMS's SDK package (docs/architecture.md, "Start-up").
export { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
