/**
 * `strata <command>`: dispatches to one module per command. Each command module exports
 * `run(args, io)` and returns the process exit code; it never calls process.exit itself.
 */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  readFile: (path: string) => Promise<string>;
  writeFile: (path: string, text: string) => Promise<void>;
}

type Command = { summary: string; load: () => Promise<{ run(args: string[], io: CliIo): Promise<number> }> };

const commands: Record<string, Command> = {
  compile: {
    summary: "compile graph.json [--plan]   check a strategy graph, print problems or the plan",
    load: () => import("./compile"),
  },
  nodes: { summary: "nodes [--json]                list the node catalogue", load: () => import("./nodes") },
  backtest: {
    summary: "backtest graph.json --data file.csv [options]   run a backtest",
    load: () => import("./backtest"),
  },
  export: {
    summary: "export graph.json --to ts|py|pine [-o file]   write the strategy as code",
    load: () => import("./export"),
  },
  import: {
    summary: "import <exported file> [-o graph.json]   restore the graph embedded in an export",
    load: () => import("./import"),
  },
  data: {
    summary: "data fetch <venue> <symbol> <timeframe> --from --to | data ls   store and list market data",
    load: () => import("./data"),
  },
};

export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    if (name && name !== "help" && name !== "--help") io.err(`Unknown command "${name}".`);
    io.err(
      `Usage: strata <command>\n\n${Object.values(commands)
        .map((c) => `  strata ${c.summary}`)
        .join("\n")}`,
    );
    return name && name !== "help" && name !== "--help" ? 2 : 0;
  }
  try {
    return await (await command.load()).run(args, io);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function nodeIo(): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    readFile: async (path) => (await import("node:fs/promises")).readFile(path, "utf8"),
    writeFile: async (path, text) => (await import("node:fs/promises")).writeFile(path, text),
  };
}
