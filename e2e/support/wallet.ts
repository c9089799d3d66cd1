// An EIP-1193 wallet injected into the page (window.ethereum) whose keys stay in the test process: the page asks,
// the test signs with a viem local account and sends through the real node. RainbowKit's own "Browser Wallet" flow
// runs against it. Tests can switch account, pretend to be on another chain, or reject the next request.
import type { Page } from "@playwright/test";
import { createWalletClient, http, numberToHex, type Hex, type LocalAccount, type TransactionRequest } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { TEST_MNEMONIC } from "../../scripts/lib/publishing.ts";

export const ACCOUNTS = {
  deployer: 0,
  guardian: 1,
  maintainer: 2,
  holder: 3,
  /** Holds tokens but never delegated: journey 9. */
  undelegatedHolder: 12,
  contributor: 13,
  stranger: 14,
} as const;

export function accountAt(index: number): LocalAccount {
  return mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index });
}

type RpcError = { code: number; message: string };

export class TestWallet {
  account: LocalAccount;
  chainId: number;
  private rejectNext = 0;
  /** Like a real wallet, accounts are exposed only after the user approved a connection. */
  private authorized = false;
  private page: Page | null = null;

  private readonly rpcUrl: string;
  private readonly realChainId: number;

  constructor(rpcUrl: string, accountIndex: number, realChainId = 31337) {
    this.rpcUrl = rpcUrl;
    this.realChainId = realChainId;
    this.account = accountAt(accountIndex);
    this.chainId = realChainId;
  }

  async install(page: Page) {
    this.page = page;
    await page.exposeFunction("__testWalletRequest", (method: string, params: unknown[]) =>
      this.handle(method, params),
    );
    await page.addInitScript(() => {
      type Listener = (...args: unknown[]) => void;
      const listeners = new Map<string, Set<Listener>>();
      const bridge = (window as unknown as { __testWalletRequest: (m: string, p: unknown) => Promise<unknown> })
        .__testWalletRequest;
      const provider = {
        isMetaMask: false,
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const answer = (await bridge(method, params ?? [])) as { result?: unknown; error?: RpcError };
          if (answer.error) {
            const error = new Error(answer.error.message) as Error & { code: number };
            error.code = answer.error.code;
            throw error;
          }
          return answer.result;
        },
        on(event: string, listener: Listener) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(listener);
          return provider;
        },
        removeListener(event: string, listener: Listener) {
          listeners.get(event)?.delete(listener);
          return provider;
        },
        emit(event: string, ...args: unknown[]) {
          for (const listener of listeners.get(event) ?? []) listener(...args);
        },
      };
      (window as unknown as { ethereum: typeof provider }).ethereum = provider;
    });
  }

  /** The next `count` wallet prompts (sign, send, connect) are rejected as a user would. */
  rejectNextRequests(count = 1) {
    this.rejectNext = count;
  }

  async switchAccount(index: number) {
    this.account = accountAt(index);
    await this.page?.evaluate(
      (address) => (window as any).ethereum.emit("accountsChanged", [address]),
      this.account.address,
    ); // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /** Pretend the wallet moved to another chain (as a user switching networks in their wallet). */
  async pretendChain(chainId: number) {
    this.chainId = chainId;
    await this.page?.evaluate((hex) => (window as any).ethereum.emit("chainChanged", hex), numberToHex(chainId)); // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  private userPrompt(): RpcError | null {
    if (this.rejectNext > 0) {
      this.rejectNext -= 1;
      return { code: 4001, message: "User rejected the request." };
    }
    return null;
  }

  private async handle(method: string, params: unknown[]): Promise<{ result?: unknown; error?: RpcError }> {
    try {
      switch (method) {
        case "eth_requestAccounts": {
          const rejected = this.userPrompt();
          if (rejected) return { error: rejected };
          this.authorized = true;
          return { result: [this.account.address] };
        }
        case "eth_accounts":
          return { result: this.authorized ? [this.account.address] : [] };
        case "eth_chainId":
          return { result: numberToHex(this.chainId) };
        case "net_version":
          return { result: String(this.chainId) };
        case "wallet_switchEthereumChain": {
          const rejected = this.userPrompt();
          if (rejected) return { error: rejected };
          const target = Number((params[0] as { chainId: Hex }).chainId);
          if (target !== this.realChainId) return { error: { code: 4902, message: "Unrecognized chain." } };
          await this.pretendChain(target);
          return { result: null };
        }
        case "wallet_requestPermissions": {
          const rejected = this.userPrompt();
          if (rejected) return { error: rejected };
          this.authorized = true;
          return { result: [{ parentCapability: "eth_accounts" }] };
        }
        case "wallet_revokePermissions":
          this.authorized = false;
          return { result: null };
        case "personal_sign": {
          const rejected = this.userPrompt();
          if (rejected) return { error: rejected };
          return { result: await this.account.signMessage({ message: { raw: params[0] as Hex } }) };
        }
        case "eth_signTypedData_v4": {
          const rejected = this.userPrompt();
          if (rejected) return { error: rejected };
          const typed = JSON.parse(params[1] as string);
          const { EIP712Domain: _domain, ...types } = typed.types;
          return {
            result: await this.account.signTypedData({
              domain: typed.domain,
              types,
              primaryType: typed.primaryType,
              message: typed.message,
            }),
          };
        }
        case "eth_sendTransaction": {
          const rejected = this.userPrompt();
          if (rejected) return { error: rejected };
          if (this.chainId !== this.realChainId)
            return { error: { code: -32000, message: `wallet is on chain ${this.chainId}` } };
          const request = params[0] as TransactionRequest & { gas?: Hex; value?: Hex; data?: Hex; to?: Hex };
          const client = createWalletClient({ account: this.account, chain: hardhat, transport: http(this.rpcUrl) });
          const hash = await client.sendTransaction({
            to: request.to ?? undefined,
            data: request.data,
            value: request.value ? BigInt(request.value) : undefined,
            gas: request.gas ? BigInt(request.gas) : undefined,
          } as never);
          return { result: hash };
        }
        default:
          return { result: await this.forward(method, params) };
      }
    } catch (error) {
      const { code, message } = error as { code?: number; message?: string };
      return { error: { code: code ?? -32603, message: message ?? String(error) } };
    }
  }

  private async forward(method: string, params: unknown[]) {
    const response = await fetch(this.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await response.json()) as { result?: unknown; error?: RpcError };
    if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code });
    return body.result;
  }
}
