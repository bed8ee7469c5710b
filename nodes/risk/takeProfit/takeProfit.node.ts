import { defineNode } from "@/nodes/core/define";
import { distanceInput, distanceOf, distanceParams } from "../distance";
import { orderIn, orderOut } from "../order-ports";

export const takeProfit = defineNode({
  type: "risk.takeProfit",
  version: 1,
  title: "Take Profit",
  category: "risk",
  description:
    "Books the gain of each trade at a target the chosen distance from the entry's fill price, above it for a long and below it for a short. On every later bar whose range reaches the target, the position is closed at the target price, or at the open when the bar gaps beyond it (the gain is then larger).",
  inputs: [orderIn, distanceInput("take profit")],
  outputs: [orderOut],
  params: distanceParams({ value: 4 }, "take profit"),
  warmup: () => 0,
  order: (params, slots) => ({ takeProfit: distanceOf(params, slots) }),
});
