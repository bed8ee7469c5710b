import { defineNode } from "@/nodes/core/define";
import { distanceInput, distanceOf, distanceParams } from "../distance";
import { orderIn, orderOut } from "../order-ports";

export const stopLoss = defineNode({
  type: "risk.stopLoss",
  version: 1,
  title: "Stop Loss",
  category: "risk",
  description:
    "Caps the loss of each trade: a stop is placed the chosen distance from the entry's fill price, below it for a long and above it for a short. On every later bar whose range reaches the stop, the position is closed at the stop price, or at the open when the bar gaps through it (the loss is then larger than planned).",
  inputs: [orderIn, distanceInput("stop loss")],
  outputs: [orderOut],
  params: distanceParams({ value: 2 }, "stop loss"),
  warmup: () => 0,
  order: (params, slots) => ({ stopLoss: distanceOf(params, slots) }),
});
