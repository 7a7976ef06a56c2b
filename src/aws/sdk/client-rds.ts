// What bkp uses of RDS's SDK package (docs/architecture.md, "Start-up").
export { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
