import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { describeProblems, parseBarsCsv, parseTimestamp } from "./csv";

const samples = new URL("../../public/samples/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, samples), "utf8");

describe("CSV import", () => {
  test.each(sampleNames())("reads the sample %s like the test loader does", (name) => {
    const result = parseBarsCsv(read(name));
    if (!result.ok) throw new Error(describeProblems(result.problems, name));
    const expected = loadSample(name);
    for (const field of ["time", "open", "high", "low", "close", "volume"] as const) {
      expect(Array.from(result.bars[field]), `${name}: ${field}`).toEqual(Array.from(expected[field]));
    }
  });

  test("reads bar counts and values written in the files", () => {
    const day = parseBarsCsv(read("2006-day-001.csv"));
    const minutes = parseBarsCsv(read("2006-min-005.csv"));
    const nvda = parseBarsCsv(read("nvda-1999-2014.csv"));
    if (!day.ok || !minutes.ok || !nvda.ok) throw new Error("a sample failed to parse");
    expect(day.bars.time.length, "README: 255 daily bars").toBe(255);
    expect(minutes.bars.time.length, "README: 2142 five-minute bars").toBe(2142);
    expect(minutes.bars.time[1], "2006-01-02,09:10:00 is read as UTC").toBe(Date.UTC(2006, 0, 2, 9, 10));
    expect(nvda.bars.close[0], "1999-01-22 close, not the Adj Close beside it").toBe(1.640625);
    expect(nvda.bars.volume[0]).toBe(67867200);
  });

  const header = "Date,Open,High,Low,Close,Volume";
  const problems = (text: string) => {
    const result = parseBarsCsv(text);
    return result.ok ? [] : result.problems;
  };

  test("names the line and the fault for each kind of bad row", () => {
    expect(problems(`${header}\n2020-01-02,1,2,0.5,1.5,10\n2020-01-01,1,2,0.5,1.5,10`)).toEqual([
      {
        line: 3,
        message: "the timestamp is earlier than the one on line 2; rows must be sorted oldest first.",
      },
    ]);
    expect(problems(`${header}\n2020-01-02,1,2,0.5,1.5,10\n2020-01-02,1,2,0.5,1.5,10`)).toEqual([
      { line: 3, message: "the timestamp repeats the one on line 2." },
    ]);
    expect(problems(`${header}\n2020-01-02,1,2,0.5,abc,10`)).toEqual([
      { line: 2, message: 'Close "abc" is not a number.' },
    ]);
    expect(problems(`${header}\n2020-01-02,1,2,0.5,NaN,10`)[0].message).toBe('Close "NaN" is not a number.');
    expect(problems(`${header}\n2020-01-02,1,0.5,2,1,10`)).toEqual([
      { line: 2, message: "High 0.5 is below Low 2." },
    ]);
    expect(problems(`${header}\n2020-01-02,3,2,0.5,1,10`)).toEqual([
      { line: 2, message: "Open 3 is outside the bar's range [0.5, 2]." },
    ]);
    expect(problems(`${header}\n2020-01-02,1,2,0.5,0.4,10`)[0].message).toBe(
      "Close 0.4 is outside the bar's range [0.5, 2].",
    );
    expect(problems(`${header}\n2020-02-30,1,2,0.5,1,10`)[0].message, "February has no 30th").toMatch(
      /"2020-02-30" is not a date/,
    );
    expect(problems(`${header}\n2020-01-02,1,2,0.5,1`)).toEqual([
      { line: 2, message: "expected 6 values like the header, found 5." },
    ]);
  });

  test("names missing columns in the header", () => {
    expect(problems("Date,Open,Close\n2020-01-02,1,1")).toEqual([
      { line: 1, message: "The header has no High, Low columns; found: Date,Open,Close." },
    ]);
  });

  test("counts lines from the header, skipping blank ones", () => {
    const text = `${header}\n2020-01-02,1,2,0.5,1,10\n\n2020-01-03,1,0,0.5,1,10\n`;
    expect(problems(text)[0].line, "the bad row is the file's 4th line").toBe(4);
    expect(describeProblems(problems(text), "prices.csv")).toBe(
      "Line 4 of prices.csv: High 0 is below Low 0.5.",
    );
  });

  test("accepts full timestamps in the Date column and a missing Volume", () => {
    const result = parseBarsCsv(
      "date,open,high,low,close\n2020-01-02T10:30:00Z,1,2,0.5,1\n2020-01-02 10:35,1,2,0.5,1",
    );
    expect(result.ok && Array.from(result.bars.time)).toEqual([
      Date.UTC(2020, 0, 2, 10, 30),
      Date.UTC(2020, 0, 2, 10, 35),
    ]);
    expect(result.ok && Array.from(result.bars.volume), "no Volume column reads as 0").toEqual([0, 0]);
    expect(parseTimestamp("2020-01-02", "25:00"), "no 25th hour").toBeNaN();
  });
});
