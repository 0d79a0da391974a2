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
        // Both store adapters hand back the same row type, so resolvers do not know which database answered.
        mappers: {
          User: '../store/user-store#UserRow',
          AuditEvent: '../store/user-store#AuditEventRow',
          LinkedIdentity: '../store/user-store#LinkedIdentityRow',
          OAuthClient: '../oidc/oauth-clients#OAuthClientRecord',
        },
      },
    },
  },
};
export default config;
