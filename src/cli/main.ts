// federa's command line.
import { Command } from "commander";
import { isFederaError } from "../shared/index.ts";
import { startCommand } from "./start.ts";

export async function main(argv: string[]): Promise<void> {
  const program = new Command("federa")
    .description("AWS identity federation and KMS on one machine: a SAML IdP over LDAP/Active Directory, STS, KMS and S3 SSE-KMS, offline.")
    .showHelpAfterError()
    .addCommand(startCommand());
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (isFederaError(error)) {
      process.stderr.write(`federa: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
