import { describe, expect, it } from "vitest";
import { timeAgo } from "./relative-time";

describe("timeAgo", () => {
  const now = new Date("2024-03-10T12:00:00Z");
  const ago = (seconds: number) => timeAgo(new Date(now.getTime() - seconds * 1000), now);

  it("says how long ago in the words people use", () => {
    expect(ago(10), "seconds are not worth counting").toBe("just now");
    expect(ago(60)).toBe("1 minute ago");
    expect(ago(50), "rounds to the nearest minute").toBe("1 minute ago");
    expect(ago(5 * 60)).toBe("5 minutes ago");
    expect(ago(3 * 3600)).toBe("3 hours ago");
    expect(ago(24 * 3600), "Intl's numeric: auto").toBe("yesterday");
    expect(ago(3 * 24 * 3600)).toBe("3 days ago");
    expect(ago(400 * 24 * 3600)).toBe("last year");
  });
});
