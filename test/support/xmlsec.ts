// Verifies a signature with Debian's xmlsec1, an implementation independent of federa's.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Resolves when xmlsec1 verifies the enveloped signature of the element named by `idAttrNode`
 * (`urn:…:protocol:Response` or `urn:…:assertion:Assertion`) with the given certificate; rejects
 * with xmlsec1's output otherwise.
 */
export async function xmlsecVerify(xml: string, certPem: string, idAttrNode: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "xmlsec-"));
  try {
    writeFileSync(join(dir, "doc.xml"), xml);
    writeFileSync(join(dir, "cert.pem"), certPem);
    const localName = idAttrNode.slice(idAttrNode.lastIndexOf(":") + 1);
    await run("xmlsec1", [
      "--verify",
      "--enabled-reference-uris", "same-doc",
      "--pubkey-cert-pem", join(dir, "cert.pem"),
      "--id-attr:ID", idAttrNode,
      "--node-xpath", `//*[local-name()='${localName}']/*[local-name()='Signature']`,
      join(dir, "doc.xml"),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
