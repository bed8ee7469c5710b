import { Registry } from "./core/registry";
import { setFormulaRegistry } from "./custom/formula/formula.node.ts";
import { customNodes } from "./custom/index";
import { dataNodes } from "./data/index";
import { indicatorsNodes } from "./indicators/index";
import { logicNodes } from "./logic/index";
import { mathNodes } from "./math/index";
import { ordersNodes } from "./orders/index";
import { patternsNodes } from "./patterns/index";
import { riskNodes } from "./risk/index";

/** Every node type Strata knows: the one registry the canvas, compiler and engines share. */
export const catalogue = new Registry([
  ...dataNodes,
  ...mathNodes,
  ...logicNodes,
  ...indicatorsNodes,
  ...patternsNodes,
  ...ordersNodes,
  ...riskNodes,
  ...customNodes,
]);

// Formulas resolve their functions through the catalogue they belong to; handing it over here,
// once it exists, avoids an import cycle between the formula node and the catalogue.
setFormulaRegistry(catalogue);
