// What bkp uses of S3's SDK package: the state backend's object calls (docs/architecture.md, "Start-up").
export { DeleteObjectCommand, GetBucketVersioningCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
