// What AWS services integrated with KMS (S3's SSE-KMS) call in-process, as their caller.
export { generateDataKeyFor, decryptDataKeyFor, type ServiceCaller, type GeneratedDataKey, type DecryptedDataKey } from "./data-keys.ts";
