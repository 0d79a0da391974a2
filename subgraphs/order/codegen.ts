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
          Order: '../store/schema#OrderRow',
          User: '../store/schema#UserRef',
          Agency: '../store/schema#AgencyRef',
          Review: '../store/schema#ReviewRow',
          ReviewReply: '../store/schema#ReviewRow',
          OrderStatusChange: '../store/schema#StatusChangeRow',
          LineItem: '../store/schema#StoredLineItem',
          AgencyOrderStats: '../store/schema#AgencyRef',
          AgencyRevenue: '../store/schema#AgencyRevenueRow',
        },
      },
    },
  },
};
export default config;
