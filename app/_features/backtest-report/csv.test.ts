import { describe, expect, it } from "vitest";
import type { Trade } from "@/engine-runtime/execution/types";
import { csvField, csvFileName, tradesCsv } from "./csv";

/** Parses RFC 4180 text back into rows: an independent reader to check the writer against. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

const trade: Trade = {
  direction: "long",
  entryBar: 10,
  entryTime: Date.UTC(2006, 0, 3),
  entryPrice: 101.25,
  exitBar: 15,
  exitTime: Date.UTC(2006, 0, 10),
  exitPrice: 99.5,
  quantity: 3,
  pnl: -5.25,
  returnPercent: -1.728395,
  commission: 0,
  barsHeld: 5,
  exitReason: "stopLoss",
};

describe("csvField", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvField("signal"), "nothing to escape").toBe("signal");
    expect(csvField(-5.25), "a negative number stays a number, not a guarded formula").toBe("-5.25");
  });

  it("quotes commas, quotes and line breaks, doubling inner quotes (RFC 4180)", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });

  it("guards text a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(1)"), "a leading = becomes text").toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1)"), "a leading @ becomes text").toBe("'@SUM(A1)");
    expect(csvField('=A1,"x"'), "guarded and quoted").toBe(`"'=A1,""x"""`);
  });

  it("writes nothing for missing and non-finite values", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(Number.NaN), "NaN is no value in a spreadsheet").toBe("");
  });

  it("round-trips awkward text through a CSV reader", () => {
    const awkward = ['x,"y"\r\nz', "plain", 'only "quotes"', ", leading comma"];
    const parsed = parseCsv(`${awkward.map(csvField).join(",")}\r\n`);
    expect(parsed, "the reader gets back exactly the fields written").toEqual([awkward]);
  });
});

describe("tradesCsv", () => {
  it("writes a header and one row per trade with ISO times and raw numbers", () => {
    const rows = parseCsv(tradesCsv([trade, { ...trade, exitReason: "open", pnl: 12 }]));
    expect(rows[0]).toEqual([
      "direction",
      "entry_time",
      "entry_price",
      "exit_time",
      "exit_price",
      "quantity",
      "pnl",
      "return_percent",
      "commission",
      "bars_held",
      "exit_reason",
    ]);
    expect(rows[1], "the first trade's fields, in header order").toEqual([
      "long",
      "2006-01-03T00:00:00.000Z",
      "101.25",
      "2006-01-10T00:00:00.000Z",
      "99.5",
      "3",
      "-5.25",
      "-1.728395",
      "0",
      "5",
      "stopLoss",
    ]);
    expect(rows[2][10], "an open trade says so").toBe("open");
    expect(rows.length, "header plus two trades").toBe(3);
  });

  it("writes only the header for a run without trades", () => {
    expect(parseCsv(tradesCsv([])).length).toBe(1);
  });
});

describe("csvFileName", () => {
  it("makes a safe file name from any strategy name", () => {
    expect(csvFileName("Golden cross", 3)).toBe("golden-cross-v3-trades.csv");
    expect(csvFileName("../RSI <2> / test", 1), "no path or markup characters").toBe(
      "rsi-2-test-v1-trades.csv",
    );
    expect(csvFileName("💹", 2), "a name with no letters still gives a file name").toBe(
      "strategy-v2-trades.csv",
    );
  });
});
