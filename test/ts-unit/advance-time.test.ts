import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDuration } from "../../scripts/advance-time.ts";

describe("chain:advance durations", () => {
  it("adds up whole numbers of seconds, minutes, hours and days", () => {
    assert.equal(parseDuration(["90s"]), 90);
    assert.equal(parseDuration(["3d"]), 259_200);
    assert.equal(parseDuration(["1d", "2h", "3m", "4s"]), 86_400 + 7_200 + 180 + 4);
  });

  it("refuses anything else with a message that says what to write", () => {
    assert.throws(() => parseDuration([]), /say how far to advance/);
    assert.throws(() => parseDuration(["1.5d"]), /"1.5d" is not a duration/);
    assert.throws(() => parseDuration(["3 days"]), /use a whole number and s, m, h or d/);
  });
});
