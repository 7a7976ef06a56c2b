// What bkp uses of IAM's SDK package (docs/architecture.md, "Start-up").
export { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
