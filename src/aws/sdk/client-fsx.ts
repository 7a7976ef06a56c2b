// What bkp uses of FSx's SDK package (docs/architecture.md, "Start-up").
export { DescribeFileSystemsCommand, DescribeVolumesCommand, FSxClient } from '@aws-sdk/client-fsx';
