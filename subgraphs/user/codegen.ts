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
        mappers: {
          User: '../store/schema#UserRef',
          Profile: '../store/schema#ProfileRow',
          Preferences: '../domain/preferences#EffectivePreferences',
          PhoneVerification: '../domain/phone#PendingVerification',
        },
      },
    },
  },
};
export default config;
