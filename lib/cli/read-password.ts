/**
 * Reads a password for the CLI without it ever being a command-line argument (which other users of
 * the machine can read in the process list and shells keep in their history): from standard input
 * when it is piped (the first line), or from a prompt on a terminal with the typed characters not
 * echoed.
 */
export async function readPassword(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) return firstLine(await readAll(input));
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding("utf8");
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = "";
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === "\r" || char === "\n") {
            input.off("data", onData);
            output.write("\n");
            return resolve(typed);
          }
          if (char === "\u0003") {
            input.off("data", onData);
            output.write("\n");
            return reject(new Error("interrupted"));
          }
          if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
          else typed += char;
        }
      };
      input.on("data", onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString("utf8");
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? "";
}
