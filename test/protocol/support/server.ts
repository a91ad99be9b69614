// A tiny AWS API server for tests: the protocol layer's dispatcher with stub STS, IAM and KMS
// services, on 127.0.0.1 and a free port.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AwsError,
  createAwsApiHandler,
  createServiceRegistry,
  isAwsApiRequest,
  queryString,
  type AwsApiOptions,
} from "../../../src/protocol/index.ts";
import type { Clock } from "../../../src/shared/index.ts";
import { lookup, type TestCaller } from "./credentials.ts";

export interface TestServer {
  url: string;
  port: number;
  /** Operations the stubs ran, in order. */
  calls: string[];
  close(): Promise<void>;
}

export async function startTestServer(options: { clock?: Clock; regions?: readonly string[] } = {}): Promise<TestServer> {
  const calls: string[] = [];
  const registry = createServiceRegistry<TestCaller>();
  registry.register({
    service: "sts",
    protocol: "query",
    version: "2011-06-15",
    xmlns: "https://sts.amazonaws.com/doc/2011-06-15/",
    operations: {
      GetCallerIdentity: {
        handler: ({ caller }) => {
          calls.push("GetCallerIdentity");
          return { UserId: caller.accessKeyId, Account: caller.account, Arn: caller.arn };
        },
      },
      AssumeRoleWithSAML: {
        unsigned: true,
        handler: ({ params, caller }) => {
          calls.push(`AssumeRoleWithSAML:${caller === undefined}`);
          const roleArn = queryString(params, "RoleArn") ?? "";
          if (queryString(params, "SAMLAssertion") === "bad") throw new AwsError("InvalidIdentityToken", "Invalid SAML assertion & <bad>");
          if (queryString(params, "SAMLAssertion") === "crash") throw new Error("secret internal detail AKIAIOSFODNN7EXAMPLE");
          return {
            Credentials: {
              AccessKeyId: "ASIAEXAMPLEEXAMPLE01",
              SecretAccessKey: "secretsecretsecretsecretsecretsecret1234",
              SessionToken: "token",
              Expiration: new Date("2030-01-01T00:00:00Z"),
            },
            AssumedRoleUser: { AssumedRoleId: "AROAEXAMPLE:alice", Arn: `${roleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/")}/alice` },
            PackedPolicySize: 6,
          };
        },
      },
    },
  });
  registry.register({
    service: "iam",
    protocol: "query",
    version: "2010-05-08",
    xmlns: "https://iam.amazonaws.com/doc/2010-05-08/",
    regions: ["us-east-1"],
    operations: {
      ListRoles: {
        handler: () => {
          calls.push("ListRoles");
          return {
            Roles: [
              { Path: "/", RoleName: "ADFS-Developers", RoleId: "AROAEXAMPLE1", Arn: "arn:aws:iam::111122223333:role/ADFS-Developers", CreateDate: new Date("2024-01-01T00:00:00Z") },
              { Path: "/", RoleName: "ADFS-Auditors", RoleId: "AROAEXAMPLE2", Arn: "arn:aws:iam::111122223333:role/ADFS-Auditors", CreateDate: new Date("2024-01-02T00:00:00Z") },
            ],
            IsTruncated: false,
          };
        },
      },
    },
  });
  registry.register({
    service: "kms",
    protocol: "json",
    targetPrefix: "TrentService",
    operations: {
      Encrypt: {
        handler: ({ params, caller }) => {
          calls.push("Encrypt");
          if (params["KeyId"] === "missing") throw new AwsError("NotFoundException", "Key 'missing' does not exist");
          return { KeyId: params["KeyId"], CiphertextBlob: Buffer.from("ciphertext"), EncryptionAlgorithm: "SYMMETRIC_DEFAULT", Caller: caller.arn };
        },
      },
    },
  });
  const apiOptions: AwsApiOptions<TestCaller> = { lookup, ...(options.clock ? { clock: options.clock } : {}), ...(options.regions ? { regions: options.regions } : {}) };
  const api = createAwsApiHandler(registry, apiOptions);
  const server: Server = createServer((req, res) => {
    if (isAwsApiRequest(req)) api(req, res);
    else res.writeHead(404, { "Content-Type": "text/plain" }).end("not an AWS API request\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
