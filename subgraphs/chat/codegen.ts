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
        // Mapped to the store's records (both adapters return the same shapes) and to bare references.
        mappers: {
          Conversation: '../store/chat-store#ConversationRecord',
          Message: '../store/chat-store#MessageRecord',
          MessageConnection: '../resolvers/mappers#MessagePage',
          Participant: '../store/chat-store#ParticipantRecord',
          VoiceMessage: '../store/chat-store#VoiceRecord',
          MessageRevision: '../store/chat-store#RevisionRecord',
          TypingEvent: '../resolvers/mappers#TypingPayload',
          Order: '../resolvers/mappers#EntityReference',
          User: '../resolvers/mappers#EntityReference',
          Agency: '../resolvers/mappers#EntityReference',
          File: '../resolvers/mappers#EntityReference',
        },
      },
    },
  },
};
export default config;
