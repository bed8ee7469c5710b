import { defineNode } from "@/nodes/core/define";
import { distanceInput, distanceOf, distanceParams } from "../distance";
import { orderIn, orderOut } from "../order-ports";

export const trailingStop = defineNode({
  type: "risk.trailingStop",
  version: 1,
  title: "Trailing Stop",
  category: "risk",
  description:
    "A stop that follows the trade: it sits the chosen distance below the highest price since entry for a long (above the lowest for a short) and only ever moves in the trade's favour, updated at each bar's close. A later bar whose range reaches it closes the position at the stop price, or at the open when the bar gaps through it. Locks in gains while letting winners run.",
  inputs: [orderIn, distanceInput("trailing stop")],
  outputs: [orderOut],
  params: distanceParams({ value: 3 }, "trailing stop"),
  warmup: () => 0,
  order: (params, slots) => ({ trailingStop: distanceOf(params, slots) }),
});
