import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { QueryState } from "../../src/shared/ui/QueryState.tsx";

afterEach(cleanup);

const down = new Error("fetch failed");

describe("QueryState", () => {
  it("keeps what was last read on screen when a refresh fails", () => {
    render(
      <QueryState query={{ isLoading: false, error: down, data: { title: "Upgrade" } }}>
        <h1>Upgrade</h1>
      </QueryState>,
    );
    expect(screen.getByRole("heading", { name: "Upgrade" })).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });
  it("says what failed when nothing was ever read", () => {
    render(
      <QueryState query={{ isLoading: false, error: down, data: undefined }}>
        <h1>Upgrade</h1>
      </QueryState>,
    );
    expect(screen.getByRole("alert").textContent).toContain("Could not read this from the chain: fetch failed");
    expect(screen.queryByRole("heading")).toBeNull();
  });
  it("shows a busy placeholder while the first read runs", () => {
    render(
      <QueryState query={{ isLoading: true, error: null, data: undefined }}>
        <h1>Upgrade</h1>
      </QueryState>,
    );
    expect(screen.getByLabelText("Loading").getAttribute("aria-busy")).toBe("true");
  });
});
