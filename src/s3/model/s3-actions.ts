// S3's actions by the resource type they apply to (the Service Authorization Reference's "Actions
// defined by Amazon S3"): what a bucket policy's statements are checked against.

/** Actions on objects: resource arn:aws:s3:::bucket/key. */
export const OBJECT_ACTIONS = [
  "AbortMultipartUpload", "BypassGovernanceRetention", "DeleteObject", "DeleteObjectTagging", "DeleteObjectVersion",
  "DeleteObjectVersionTagging", "GetObject", "GetObjectAcl", "GetObjectAttributes", "GetObjectLegalHold", "GetObjectRetention",
  "GetObjectTagging", "GetObjectTorrent", "GetObjectVersion", "GetObjectVersionAcl", "GetObjectVersionAttributes",
  "GetObjectVersionForReplication", "GetObjectVersionTagging", "GetObjectVersionTorrent", "InitiateReplication",
  "ListMultipartUploadParts", "ObjectOwnerOverrideToBucketOwner", "PutObject", "PutObjectAcl", "PutObjectLegalHold",
  "PutObjectRetention", "PutObjectTagging", "PutObjectVersionAcl", "PutObjectVersionTagging", "ReplicateDelete",
  "ReplicateObject", "ReplicateTags", "RestoreObject",
] as const;

/** Actions on buckets: resource arn:aws:s3:::bucket. */
export const BUCKET_ACTIONS = [
  "CreateBucket", "DeleteBucket", "DeleteBucketOwnershipControls", "DeleteBucketPolicy", "DeleteBucketWebsite",
  "GetAccelerateConfiguration", "GetAnalyticsConfiguration", "GetBucketAcl", "GetBucketCORS", "GetBucketLocation",
  "GetBucketLogging", "GetBucketNotification", "GetBucketObjectLockConfiguration", "GetBucketOwnershipControls",
  "GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketPublicAccessBlock", "GetBucketRequestPayment", "GetBucketTagging",
  "GetBucketVersioning", "GetBucketWebsite", "GetEncryptionConfiguration", "GetIntelligentTieringConfiguration",
  "GetInventoryConfiguration", "GetLifecycleConfiguration", "GetMetricsConfiguration", "GetReplicationConfiguration",
  "ListBucket", "ListBucketMultipartUploads", "ListBucketVersions", "PutAccelerateConfiguration", "PutAnalyticsConfiguration",
  "PutBucketAcl", "PutBucketCORS", "PutBucketLogging", "PutBucketNotification", "PutBucketObjectLockConfiguration",
  "PutBucketOwnershipControls", "PutBucketPolicy", "PutBucketPublicAccessBlock", "PutBucketRequestPayment",
  "PutBucketTagging", "PutBucketVersioning", "PutBucketWebsite", "PutEncryptionConfiguration",
  "PutIntelligentTieringConfiguration", "PutInventoryConfiguration", "PutLifecycleConfiguration", "PutMetricsConfiguration",
  "PutReplicationConfiguration",
] as const;

/** Actions on no bucket at all (they never apply in a bucket policy). */
export const ACCOUNT_ACTIONS = ["ListAllMyBuckets", "GetAccountPublicAccessBlock", "PutAccountPublicAccessBlock", "CreateJob", "ListJobs"] as const;
