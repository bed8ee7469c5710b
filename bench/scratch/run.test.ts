import { test } from "vitest";
import { feedColumns } from "@/engine-runtime/data/bars";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import { SimulatedBroker } from "@/engine-runtime/execution/broker";
import { runSettings } from "@/engine-runtime/execution/settings";
import { PlanProgram } from "@/engine-runtime/executor/program";
import { engineRegistry, PlanBuilder } from "@/engine-runtime/executor/testing";

test("bench", async () => {
  const plan = new PlanBuilder(engineRegistry);
  const [fast] = plan.step("indicators.sma", { period: 10 }, [PlanBuilder.close]);
  const [slow] = plan.step("indicators.sma", { period: 30 }, [PlanBuilder.close]);
  const [up] = plan.step("logic.crossesAbove", {}, [fast, slow]);
  const [down] = plan.step("logic.crossesBelow", {}, [fast, slow]);
  const p = plan.order({ action: "enterLong", when: up }).order({ action: "exitLong", when: down }).build();
  const bars = syntheticBars({ count: 1_000_000, seed: 1 });
  for (let rep = 0; rep < 3; rep++) {
    let t = performance.now();
    const program = new PlanProgram(p, engineRegistry);
    const columns = program.allocate(1_000_000, feedColumns(bars));
    program.run(0, 1_000_000);
    const a = performance.now() - t;
    t = performance.now();
    const broker = new SimulatedBroker(p.orders, runSettings({ initialCash: 1e9 }), 1_000_000);
    for (let i = 0; i < 1_000_000; i++) broker.step(columns, i);
    const b = performance.now() - t;
    console.log(
      "kernels ms",
      a.toFixed(1),
      "broker ms",
      b.toFixed(1),
      "trades",
      broker.trades.length,
      "events",
      broker.events.length,
    );
  }
}, 1_200_000);
