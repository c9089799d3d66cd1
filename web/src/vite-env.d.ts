/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_RPC_URL?: string;
  readonly VITE_GATEWAYS?: string;
  readonly VITE_CONTENT_UPLOAD_URL?: string;
  readonly VITE_SUBGRAPH_URL?: string;
  readonly VITE_WALLETCONNECT_PROJECT_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
