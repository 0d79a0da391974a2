import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the composed supergraph. The output (src/gql/) is
 * committed like every other generated file in the repository; regenerate with
 * `npm run codegen -w web-admin` after changing an operation or the schema.
 */
const config: CodegenConfig = {
  schema: '../supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        // `export const OrderStatus = {…} as const` plus a type: values usable at runtime (filters).
        enumType: 'const',
        // DateTime is an ISO-8601 string on the wire.
        scalars: { DateTime: 'string' },
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
