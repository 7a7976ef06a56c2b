// What bkp uses of STS's SDK package (docs/architecture.md, "Start-up").
export { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
