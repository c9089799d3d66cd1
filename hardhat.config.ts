import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

// The compiler comes from the npm `solc` package (wasm) instead of a download: this
// project must build on machines that only reach the npm registry.
const require = createRequire(import.meta.url);
const solcPath = require.resolve("solc/soljson.js");
const solcVersion: string = require("solc/package.json").version;

const compiler = {
  version: solcVersion,
  path: solcPath,
  // Without the optimizer the Governor exceeds the 24 KB code size limit.
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
};

// OpenZeppelin runs its fuzz suites with thousands of runs in CI; locally we keep the
// loop fast. FUZZ_RUNS overrides both.
const fuzzRuns = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 5000 : 256));

export default defineConfig({
  plugins: [hardhatToolboxViemPlugin],
  solidity: {
    // The stock OpenZeppelin timelock is deployed as is; build it so it has an artifact and a typed ABI.
    npmFilesToBuild: ["@openzeppelin/contracts/governance/TimelockController.sol"],
    profiles: {
      default: compiler,
      production: compiler,
    },
  },
  paths: {
    tests: {
      solidity: "./test/solidity",
      nodejs: "./test/ts",
    },
  },
  test: {
    solidity: {
      fuzz: { runs: fuzzRuns, seed: "0x4d6f64656c44414f" },
      invariant: {
        runs: Number(process.env.INVARIANT_RUNS ?? (process.env.CI ? 256 : 64)),
        depth: 32,
        failOnRevert: false,
      },
    },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: process.env.RPC_URL ?? "http://127.0.0.1:8545" },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
