/**
 * Process entry of the `zkos` bin: loads the embedded WASM core, runs main(), sets the exit code.
 * Writes go straight to the file descriptors so that large JSON documents are never truncated.
 * @module
 */
import "../load-embedded";
import { main } from "./main";

// A reader that stops early (`zkos ... | head`) closes the pipe: that ends the output, not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

const io = {
  out: (t: string) => void process.stdout.write(t),
  err: (t: string) => void process.stderr.write(t),
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Anything reaching here is a bug in zkos, not a user error: say so, with the stack.
    process.stderr.write(`zkos: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
