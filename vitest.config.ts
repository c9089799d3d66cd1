import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Component and unit tests of the dApp (web/test). They run in happy-dom; the wallet stack's `mock` connector is the
// only stand-in allowed here: real wallets are driven by the Playwright journeys in e2e/.
export default defineConfig({
  plugins: [react()],
  define: { __MODELDAO_DEPLOYMENT__: "null" },
  test: {
    include: ["web/test/**/*.test.{ts,tsx}"],
    environment: "happy-dom",
    pool: "threads",
    maxWorkers: 1,
  },
});
