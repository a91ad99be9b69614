// Where the password comes from: an environment variable, the first line of stdin, or a prompt
// that does not echo. It is used once and never stored or printed.
import { createInterface } from "node:readline";

export async function readPassword(options: { passwordEnv?: string; passwordStdin?: boolean }, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (options.passwordEnv) {
    const value = env[options.passwordEnv];
    if (!value) throw new Error(`the environment variable ${options.passwordEnv} is empty`);
    return value;
  }
  if (options.passwordStdin) return firstLine(process.stdin);
  if (!process.stdin.isTTY) throw new Error("no password: use --password-stdin, --password-env NAME, or run in a terminal to be asked");
  return promptHidden("Password: ");
}

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stream, terminal: false });
    let done = false;
    lines.once("line", (line) => {
      done = true;
      lines.close();
      resolve(line);
    });
    lines.once("close", () => {
      if (!done) reject(new Error("no password on stdin"));
    });
  });
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const output = process.stderr;
    const lines = createInterface({ input: process.stdin, output, terminal: true });
    const write = (output as unknown as { write: (s: string) => boolean }).write.bind(output);
    let muted = false;
    (lines as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!muted) write(s);
    };
    lines.question(question, (answer) => {
      lines.close();
      write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

export async function promptLine(question: string): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: Boolean(process.stdin.isTTY) });
  return new Promise((resolve) => lines.question(question, (answer) => (lines.close(), resolve(answer.trim()))));
}
