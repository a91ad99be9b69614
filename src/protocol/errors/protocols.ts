// The wire protocols that federa's AWS APIs speak.

/** "query": STS, IAM (form parameters, XML answers). "json": AWS JSON 1.1 (KMS). "rest-xml": S3. */
export type WireProtocol = "query" | "json" | "rest-xml";
