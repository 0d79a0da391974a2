export { AgencyInbox } from './agency-inbox';

export { InboxList, inboxLabel, type InboxConversation, type InboxListProps } from './inbox-list';
export { SupportInbox } from './support-inbox';
