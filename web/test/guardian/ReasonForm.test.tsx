import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ReasonForm } from "../../src/features/guardian/ReasonForm.tsx";

afterEach(cleanup);

describe("ReasonForm", () => {
  it("refuses to submit without a reason and says why", () => {
    const onSubmit = vi.fn();
    render(<ReasonForm label="Reason" submitLabel="Pause everything" disabled={false} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole("button", { name: "Pause everything" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toMatch(/reason is required/i);
    expect(screen.getByLabelText("Reason").getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "   " } });
    fireEvent.click(screen.getByRole("button", { name: "Pause everything" }));
    expect(onSubmit).not.toHaveBeenCalled();
  });
  it("submits the trimmed reason and clears the error", () => {
    const onSubmit = vi.fn();
    render(<ReasonForm label="Reason" submitLabel="Pause" disabled={false} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "  Leaks training data " } });
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    expect(onSubmit).toHaveBeenCalledWith("Leaks training data");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
