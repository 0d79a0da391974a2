/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Build-time fallback for the gateway URL when `/config.json` is not served. */
  readonly VITE_GRAPHQL_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
