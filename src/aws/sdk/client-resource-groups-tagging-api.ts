// What bkp uses of the Resource Groups Tagging API's SDK package (docs/architecture.md, "Start-up").
export { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
