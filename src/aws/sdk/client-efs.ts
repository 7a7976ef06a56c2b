// What bkp uses of EFS's SDK package (docs/architecture.md, "Start-up").
export { DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
