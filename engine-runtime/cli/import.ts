import { importExport } from "../export/index";
import type { CliIo } from "./main";

const USAGE =
  "Usage: strata import <exported file> [-o graph.json]   restore the graph embedded in an export";

/** `strata import`: prints (or writes) the graph embedded in a TypeScript, Python or Pine export. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const files: string[] = [];
  let output = "";
  for (let k = 0; k < args.length; k++) {
    if (args[k] === "-o" || args[k] === "--out") {
      output = args[++k] ?? "";
      if (!output) {
        io.err(`The option ${args[k - 1]} needs a file name.\n${USAGE}`);
        return 2;
      }
    } else if (args[k].startsWith("-")) {
      io.err(`Unknown option ${args[k]}.\n${USAGE}`);
      return 2;
    } else files.push(args[k]);
  }
  if (files.length !== 1) {
    io.err(`Name one exported file.\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await io.readFile(files[0]);
  } catch (error) {
    io.err(`The file ${files[0]} cannot be read (${(error as Error).message}).`);
    return 1;
  }
  const result = importExport(text);
  if (!result.ok) {
    io.err(`${files[0]}: ${result.message}`);
    return 1;
  }
  const json = `${JSON.stringify(result.graph, null, 2)}\n`;
  if (output) {
    await io.writeFile(output, json);
    io.err(`Wrote ${output}.`);
  } else io.out(json.trimEnd());
  return 0;
}
