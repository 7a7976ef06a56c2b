// What bkp uses of EC2's SDK package (docs/architecture.md, "Start-up").
export { DescribeInstancesCommand, DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
