import { compile } from "@/engine-runtime/compiler";
import type { Database } from "@/server/db/client";

/**
 * Saves a strategy the way the editor does — version 1 with its graph and, when the graph
 * compiles, its plan and hash — for suites that need one to exist before they start.
 */
export async function saveStrategy(
  db: Database,
  userId: string,
  graph: unknown,
  name = "SMA crossover",
): Promise<string> {
  const compiled = compile(graph);
  const strategy = await db.prisma.strategy.create({
    data: {
      ownerId: userId,
      name,
      headVersion: 1,
      versions: {
        create: {
          number: 1,
          graph: graph as object,
          plan: (compiled.plan as object | undefined) ?? undefined,
          planHash: compiled.hash ?? null,
          createdById: userId,
        },
      },
    },
  });
  return strategy.id;
}
