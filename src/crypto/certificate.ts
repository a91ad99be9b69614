// Self-signed X.509 certificates for the IdP's signing key (RSA, SHA-256).
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto, X509Certificate, createHash } from "node:crypto";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface SigningIdentity {
  privateKeyPem: string;
  certificatePem: string;
}

export interface IdentityOptions {
  commonName: string;
  bits?: number;
  notBefore: Date;
  validDays?: number;
}

export async function generateSigningIdentity(options: IdentityOptions): Promise<SigningIdentity> {
  const algorithm = {
    name: "RSASSA-PKCS1-v1_5",
    hash: "SHA-256",
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: options.bits ?? 2048,
  };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const serial = Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)));
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const notAfter = new Date(options.notBefore.getTime() + (options.validDays ?? 3650) * 86_400_000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString("hex"),
    name: `CN=${options.commonName.replace(/[,+="\\<>;]/g, "")}`,
    notBefore: options.notBefore,
    notAfter,
    signingAlgorithm: algorithm,
    keys: keys as unknown as CryptoKeyPair,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const privateKeyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString("base64").replace(/(.{64})/g, "$1\n").trimEnd()}\n-----END PRIVATE KEY-----\n`;
  return { privateKeyPem, certificatePem: certificate.toString("pem") + "\n" };
}

export interface CertificateInfo {
  /** The DER certificate in base64, as ds:X509Certificate carries it. */
  base64: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  sha256Fingerprint: string;
  publicKeyBits: number;
}

export function describeCertificate(pem: string): CertificateInfo {
  const cert = new X509Certificate(pem);
  return {
    base64: cert.raw.toString("base64"),
    subject: cert.subject,
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    sha256Fingerprint: createHash("sha256").update(cert.raw).digest("hex"),
    publicKeyBits: cert.publicKey.asymmetricKeyDetails?.modulusLength ?? 0,
  };
}

/** Turns a base64 DER certificate (as found in metadata) into PEM. */
export function base64ToPem(base64: string): string {
  const body = base64.replace(/\s+/g, "");
  return `-----BEGIN CERTIFICATE-----\n${body.replace(/(.{64})/g, "$1\n").trimEnd()}\n-----END CERTIFICATE-----\n`;
}
