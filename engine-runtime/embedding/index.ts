import type { Plan } from "../plan/schema";
import { type Feature, planFeatures } from "./features";

export { type Feature, type PlanFeatures, planFeatures } from "./features";

/** Length of every plan embedding; the database column is vector(256). */
export const EMBEDDING_DIMENSION = 256;

/**
 * A deterministic embedding of a compiled plan: its features (see planFeatures) hashed into
 * EMBEDDING_DIMENSION buckets with a hash-chosen sign (so collisions cancel out on average
 * instead of piling up), then scaled to unit length. Cosine similarity of two embeddings is
 * their dot product. Pure: no model, no randomness, the same on the server and in the browser.
 */
export function embedPlan(plan: Plan): Float64Array {
  const { structure, params } = planFeatures(plan);
  return hashFeatures(structure.concat(params));
}

export function hashFeatures(features: readonly Feature[], dimension = EMBEDDING_DIMENSION): Float64Array {
  const vector = new Float64Array(dimension);
  for (const { hash, weight } of features) {
    // The low bits choose the bucket, the top bit the sign: feature hashes are finalised, so both are uniform.
    vector[(hash >>> 0) % dimension] += hash < 0 ? -weight : weight;
  }
  let norm = 0;
  for (let i = 0; i < dimension; i++) norm += vector[i] * vector[i];
  if (norm === 0) return vector;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < dimension; i++) vector[i] *= scale;
  return vector;
}

/** Cosine similarity in [-1, 1]; 0 when either vector is all zeros. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
