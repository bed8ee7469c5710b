import { catalogue } from "@/nodes/catalogue";
import type { NodeDefinition } from "@/nodes/core/define";

/**
 * Finds nodes by what a trader would type: every word must appear in the title, type, category or
 * help; title matches rank first, so "sma" finds SMA before nodes that mention it.
 */
export function searchNodes(query: string): NodeDefinition[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...catalogue.definitions];
  const scored: { definition: NodeDefinition; score: number }[] = [];
  for (const definition of catalogue.definitions) {
    const title = definition.title.toLowerCase();
    const haystack = `${title} ${definition.type.toLowerCase()} ${definition.category} ${definition.description.toLowerCase()}`;
    if (!words.every((word) => haystack.includes(word))) continue;
    const score = words.reduce(
      (sum, word) =>
        sum + (title === word ? 100 : title.startsWith(word) ? 50 : title.includes(word) ? 20 : 0),
      0,
    );
    scored.push({ definition, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.definition.title.localeCompare(b.definition.title))
    .map((s) => s.definition);
}
