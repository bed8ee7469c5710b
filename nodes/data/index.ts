import type { NodeDefinition } from "@/nodes/core/define";
import { barField } from "./barField/barField.node.ts";
import { constant } from "./constant/constant.node.ts";
import { priceFeed } from "./priceFeed/priceFeed.node.ts";
import { resample } from "./resample/resample.node.ts";

/** The data nodes, sorted by type. */
export const dataNodes: NodeDefinition[] = [barField, constant, priceFeed, resample];
