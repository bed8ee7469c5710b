import type { Lookup, Registry } from "@/nodes/core/registry";

const byRegistry = new WeakMap<Registry, Map<string, Lookup>>();

/**
 * registry.lookup, with each known type's answer made once per registry: the compiler asks for
 * every node of the graph twice (to migrate it, then to flatten it), and a registry never changes.
 */
export function lookupType(registry: Registry, type: string): Lookup {
  let found = byRegistry.get(registry);
  if (!found) {
    found = new Map();
    for (const definition of registry.definitions) found.set(definition.type, { ok: true, definition });
    byRegistry.set(registry, found);
  }
  return found.get(type) ?? registry.lookup(type);
}
