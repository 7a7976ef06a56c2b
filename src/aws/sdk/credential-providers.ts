// What bkp uses of the SDK's credential providers: a provider block's assume_role (docs/architecture.md, "Start-up").
export { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
