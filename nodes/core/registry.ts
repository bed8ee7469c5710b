import type { NodeDefinition } from "./define";

export type Lookup = { ok: true; definition: NodeDefinition } | { ok: false; reason: string };

/** The catalogue as a lookup table. Built once from an explicit, sorted list of definitions. */
export class Registry {
  readonly definitions: readonly NodeDefinition[];
  readonly #byType: ReadonlyMap<string, NodeDefinition>;

  constructor(definitions: readonly NodeDefinition[]) {
    const byType = new Map<string, NodeDefinition>();
    for (const definition of definitions) {
      if (byType.has(definition.type)) throw new Error(`Node type "${definition.type}" is registered twice.`);
      byType.set(definition.type, definition);
    }
    this.definitions = [...definitions].sort((a, b) => a.type.localeCompare(b.type));
    this.#byType = byType;
  }

  has(type: string): boolean {
    return this.#byType.has(type);
  }

  /** Finds a node type; an unknown one yields a sentence naming the closest known types. */
  lookup(type: string): Lookup {
    const definition = this.#byType.get(type);
    if (definition) return { ok: true, definition };
    const matches = closeMatches(type, [...this.#byType.keys()]);
    const suggestion = matches.length > 0 ? ` Did you mean ${matches.map((m) => `"${m}"`).join(", ")}?` : "";
    return { ok: false, reason: `There is no node type "${type}".${suggestion}` };
  }

  get(type: string): NodeDefinition {
    const found = this.lookup(type);
    if (!found.ok) throw new Error(found.reason);
    return found.definition;
  }
}

/** Up to `limit` candidates nearest to `word` by edit distance, nearest first; only plausible ones. */
export function closeMatches(word: string, candidates: readonly string[], limit = 3): string[] {
  const target = word.toLowerCase();
  const bare = (s: string) => s.slice(s.indexOf(".") + 1).toLowerCase();
  return candidates
    .map((candidate) => {
      const whole = editDistance(target, candidate.toLowerCase());
      const name = editDistance(bare(target), bare(candidate));
      return { candidate, distance: Math.min(whole, name) };
    })
    .filter(({ candidate, distance }) => distance <= Math.max(2, Math.floor(bare(candidate).length / 3)))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
