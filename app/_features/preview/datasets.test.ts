import { describe, expect, it } from "vitest";
import { serverDataset } from "@/app/_features/backtest-report/run-backtest";
import { isUserDataset } from "@/engine-runtime/data/samples";
import { datasetById } from "./datasets";

describe("preview datasets", () => {
  it("tells the user's own datasets from samples and generated data", () => {
    expect(isUserDataset("upload:abc"), "an upload").toBe(true);
    expect(isUserDataset("venue:binance:BTCUSDT:1h"), "a synced venue symbol").toBe(true);
    expect(isUserDataset("orcl-1995-2014"), "a bundled sample").toBe(false);
    expect(datasetById("upload:abc").server, "user datasets load through the server").toBe("upload:abc");
  });

  it("names each dataset the way the server's backtests know it", () => {
    expect(serverDataset("orcl-1995-2014"), "samples are sample:<file>").toBe("sample:orcl-1995-2014");
    expect(serverDataset("upload:abc"), "the user's datasets keep their id").toBe("upload:abc");
    expect(serverDataset("synthetic-10k"), "generated data exists only in the browser").toBeUndefined();
  });
});
