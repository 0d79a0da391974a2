import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: './schema.graphql',
  generates: {
    './src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../context#Context',
        scalars: { DateTime: { input: 'Date', output: 'Date | string' } },
        mappers: {
          File: '../store/schema#FileRow',
          Order: '../store/schema#SubjectRef',
          Agency: '../store/schema#SubjectRef',
          User: '../store/schema#UserRef',
        },
      },
    },
  },
};
export default config;
