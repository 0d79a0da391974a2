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
          Agency: '../store/schema#ListedAgency',
          BusinessType: '../store/schema#BusinessTypeRow',
          ServiceArea: '../store/schema#ServiceAreaRow',
          AgencyDocument: '../store/schema#DocumentRow',
          AgencyMember: '../store/schema#MemberRow',
          AgencyInvitation: '../store/schema#InvitationRow',
          LedgerEntry: '../store/schema#LedgerRow',
          Penalty: '../store/schema#PenaltyRow',
          AgencyRanking: '../store/schema#RankingRow',
          AgencyFinances: '../store/schema#AgencyRow',
          User: '../store/schema#UserRef',
          File: '../store/schema#UserRef',
        },
      },
    },
  },
};
export default config;
