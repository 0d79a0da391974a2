import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations of the shared chat panel (src/chat), from the composed supergraph; committed like the apps'
 * src/gql. Regenerate with `npm run codegen -w packages/ui` after changing an operation or the schema.
 */
const config: CodegenConfig = {
  schema: '../../supergraph.graphql',
  documents: ['src/chat/**/*.{ts,tsx}', '!src/gql/**/*'],
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumType: 'const',
        scalars: { DateTime: 'string' },
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
