import { breakoutTemplates } from "./breakouts";
import { oscillatorTemplates } from "./oscillators";
import { patternTemplates } from "./patterns";
import type { Template } from "./template";
import { trendTemplates } from "./trend";

export type { Template } from "./template";

/** The marketplace's first shelf: classic strategies built from the catalogue, published by the Strata team. */
export const templates: readonly Template[] = [
  ...trendTemplates,
  ...oscillatorTemplates,
  ...breakoutTemplates,
  ...patternTemplates,
];
