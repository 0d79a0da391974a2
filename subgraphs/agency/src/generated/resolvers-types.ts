import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ListedAgency, BusinessTypeRow, ServiceAreaRow, DocumentRow, MemberRow, InvitationRow, LedgerRow, PenaltyRow, RankingRow, AgencyRow, UserRef } from '../store/schema';
import type { Context } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** ISO-8601 date-time in UTC. */
  DateTime: { input: Date; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type Agency = {
  __typename?: 'Agency';
  businessTypes: Array<BusinessType>;
  city: Scalars['String']['output'];
  contact: AgencyContact;
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  /** Kilometres from filter.near when listed by the directory with a point; null otherwise. */
  distanceKm?: Maybe<Scalars['Float']['output']>;
  /** Verification documents (members and admins; null for anyone else). */
  documents?: Maybe<Array<AgencyDocument>>;
  /** Fees, deposits, penalties and the ledger (owners and admins; null for anyone else). */
  finances?: Maybe<AgencyFinances>;
  id: Scalars['ID']['output'];
  /** Open and past invitations (owners and admins; null for anyone else). */
  invitations?: Maybe<Array<AgencyInvitation>>;
  location?: Maybe<GeoPoint>;
  /** Members and their roles (members and admins; null for anyone else). */
  members?: Maybe<Array<AgencyMember>>;
  name: Scalars['String']['output'];
  ranking: AgencyRanking;
  /** Average review rating 1–5, null before the first review. */
  rating?: Maybe<Scalars['Float']['output']>;
  /** ISO 3166-2 region code of the agency's base, e.g. DE-BE. */
  region: Scalars['String']['output'];
  reviewCount: Scalars['Int']['output'];
  serviceAreas: Array<ServiceArea>;
  slug: Scalars['String']['output'];
  status: AgencyStatus;
  /** Why the status was last changed (members and admins). */
  statusReason?: Maybe<Scalars['String']['output']>;
  verifiedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The signed-in user's role in this agency, null when not a member. */
  viewerRole?: Maybe<AgencyRole>;
};

export type AgencyConnection = {
  __typename?: 'AgencyConnection';
  edges: Array<AgencyEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AgencyContact = {
  __typename?: 'AgencyContact';
  address?: Maybe<Scalars['String']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  website?: Maybe<Scalars['String']['output']>;
};

export type AgencyContactInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  website?: InputMaybe<Scalars['String']['input']>;
};

/** A verification document: a file of the file subgraph with its review status (members and admins). */
export type AgencyDocument = {
  __typename?: 'AgencyDocument';
  createdAt: Scalars['DateTime']['output'];
  file: File;
  id: Scalars['ID']['output'];
  /** What the document proves, e.g. BUSINESS_REGISTRATION, INSURANCE, LICENSE. */
  kind: Scalars['String']['output'];
  note?: Maybe<Scalars['String']['output']>;
  reviewedAt?: Maybe<Scalars['DateTime']['output']>;
  reviewedBy?: Maybe<User>;
  status: DocumentStatus;
  uploadedBy: User;
};

export type AgencyEdge = {
  __typename?: 'AgencyEdge';
  cursor: Scalars['String']['output'];
  node: Agency;
};

export type AgencyFilter = {
  /** Any of these business type codes. */
  businessTypes?: InputMaybe<Array<Scalars['ID']['input']>>;
  minRating?: InputMaybe<Scalars['Float']['input']>;
  /** Only agencies whose service areas cover this point. */
  near?: InputMaybe<GeoPointInput>;
  /** With near: only agencies based within this many km of the point. */
  radiusKm?: InputMaybe<Scalars['Float']['input']>;
  /** Serves this ISO 3166-2 region (a region code of a service area, or based there). */
  region?: InputMaybe<Scalars['String']['input']>;
  /** Full-text search over name, description and business types. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Admins only: one status (e.g. the PENDING_REVIEW verification queue). */
  status?: InputMaybe<AgencyStatus>;
  /** Only VERIFIED agencies. Others never see SUSPENDED agencies; admins see every status. */
  verifiedOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Balances are derived from the append-only ledger, never stored. */
export type AgencyFinances = {
  __typename?: 'AgencyFinances';
  /** Sum of every ledger entry. */
  balance: Money;
  /** Platform commission on completed orders, in percent. */
  commissionPercent: Scalars['Float']['output'];
  commissionTotal: Money;
  /** Deposits less deposits returned. */
  depositBalance: Money;
  ledger: LedgerEntryConnection;
  penalties: Array<Penalty>;
  penaltiesTotal: Money;
};


/** Balances are derived from the append-only ledger, never stored. */
export type AgencyFinancesLedgerArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type AgencyInvitation = {
  __typename?: 'AgencyInvitation';
  agency: Agency;
  createdAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  invitedBy: User;
  role: AgencyRole;
  status: InvitationStatus;
};

export type AgencyMember = {
  __typename?: 'AgencyMember';
  joinedAt: Scalars['DateTime']['output'];
  role: AgencyRole;
  user: User;
};

export type AgencyRanking = {
  __typename?: 'AgencyRanking';
  breakdown: Array<RankingFactor>;
  computedAt: Scalars['DateTime']['output'];
  /** 1-based position among agencies of the same primary business type and region. */
  position?: Maybe<Scalars['Int']['output']>;
  /** How many agencies that position is out of. */
  positionOf?: Maybe<Scalars['Int']['output']>;
  /** The group the position is within, e.g. "Technical in DE-BE". */
  positionScope?: Maybe<Scalars['String']['output']>;
  /** 0…100, deterministic from the breakdown (see subgraphs/agency/README.md). */
  score: Scalars['Float']['output'];
  tier: AgencyTier;
};

export type AgencyRole =
  | 'OWNER'
  | 'STAFF';

export type AgencySort =
  /** Distance from filter.near, nearest first (needs near). */
  | 'DISTANCE'
  /** Newest agencies first. */
  | 'NEWEST'
  /** Ranking score, best first. */
  | 'RANK'
  /** Bayesian-average rating, best first. */
  | 'RATING';

export type AgencyStatus =
  | 'PENDING_REVIEW'
  | 'SUSPENDED'
  | 'VERIFIED';

export type AgencyTier =
  | 'BRONZE'
  | 'GOLD'
  | 'PLATINUM'
  | 'SILVER';

/** A kind of service an agency offers (Technical, Construction, …); a table, so admins can add more. */
export type BusinessType = {
  __typename?: 'BusinessType';
  code: Scalars['ID']['output'];
  label: Scalars['String']['output'];
};

export type CreateAgencyInput = {
  businessTypes: Array<Scalars['ID']['input']>;
  city: Scalars['String']['input'];
  contact?: InputMaybe<AgencyContactInput>;
  description: Scalars['String']['input'];
  location?: InputMaybe<GeoPointInput>;
  name: Scalars['String']['input'];
  region: Scalars['String']['input'];
  serviceAreas?: InputMaybe<Array<ServiceAreaInput>>;
  /** Derived from the name when left out. */
  slug?: InputMaybe<Scalars['String']['input']>;
};

export type DocumentStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

export type File = {
  __typename?: 'File';
  id: Scalars['ID']['output'];
};

export type GeoPoint = {
  __typename?: 'GeoPoint';
  lat: Scalars['Float']['output'];
  lng: Scalars['Float']['output'];
};

export type GeoPointInput = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};

export type InvitationStatus =
  | 'ACCEPTED'
  | 'EXPIRED'
  | 'PENDING'
  | 'REVOKED';

export type LedgerEntry = {
  __typename?: 'LedgerEntry';
  /** Signed: credits to the agency positive, debits negative. */
  amount: Money;
  createdAt: Scalars['DateTime']['output'];
  createdBy?: Maybe<User>;
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: LedgerEntryKind;
  /** What caused it: an order id for COMMISSION, a penalty id for PENALTY. */
  reference?: Maybe<Scalars['String']['output']>;
};

export type LedgerEntryConnection = {
  __typename?: 'LedgerEntryConnection';
  edges: Array<LedgerEntryEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type LedgerEntryEdge = {
  __typename?: 'LedgerEntryEdge';
  cursor: Scalars['String']['output'];
  node: LedgerEntry;
};

export type LedgerEntryKind =
  /** Manual correction by an admin (either sign). */
  | 'ADJUSTMENT'
  /** Platform commission on a completed order (debit). */
  | 'COMMISSION'
  /** Money the agency paid in as a security deposit (credit). */
  | 'DEPOSIT'
  /** Deposit paid back to the agency (debit). */
  | 'DEPOSIT_RETURN'
  /** A penalty issued by an admin (debit). */
  | 'PENALTY';

/** Integer minor units (cents) and an ISO 4217 currency. */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** The signed-in user (whose email the invitation names) joins the agency. */
  acceptAgencyInvitation: Agency;
  addAgencyDocument: AgencyDocument;
  /** Registers an agency; the caller becomes its OWNER and it waits in PENDING_REVIEW. */
  createAgency: Agency;
  createBusinessType: BusinessType;
  inviteAgencyMember: AgencyInvitation;
  /** Positive amount in minor units; appends a PENALTY ledger entry and lowers the ranking. */
  issueAgencyPenalty: Penalty;
  /** Positive amount in minor units; appends a DEPOSIT (or DEPOSIT_RETURN when `returned`) ledger entry. */
  recordAgencyDeposit: LedgerEntry;
  removeAgencyDocument: Scalars['Boolean']['output'];
  removeAgencyMember: Agency;
  reviewAgencyDocument: AgencyDocument;
  revokeAgencyInvitation: AgencyInvitation;
  setAgencyCommission: Agency;
  /** Replaces the agency's service areas. */
  setAgencyServiceAreas: Agency;
  /** Admins: VERIFIED, SUSPENDED or back to PENDING_REVIEW, with a reason. */
  setAgencyStatus: Agency;
  updateAgency: Agency;
};


export type MutationAcceptAgencyInvitationArgs = {
  token: Scalars['String']['input'];
};


export type MutationAddAgencyDocumentArgs = {
  agencyId: Scalars['ID']['input'];
  fileId: Scalars['ID']['input'];
  kind: Scalars['String']['input'];
};


export type MutationCreateAgencyArgs = {
  input: CreateAgencyInput;
};


export type MutationCreateBusinessTypeArgs = {
  code: Scalars['ID']['input'];
  label: Scalars['String']['input'];
};


export type MutationInviteAgencyMemberArgs = {
  agencyId: Scalars['ID']['input'];
  email: Scalars['String']['input'];
  role?: AgencyRole;
};


export type MutationIssueAgencyPenaltyArgs = {
  agencyId: Scalars['ID']['input'];
  amount: Scalars['Int']['input'];
  currency?: InputMaybe<Scalars['String']['input']>;
  reason: Scalars['String']['input'];
};


export type MutationRecordAgencyDepositArgs = {
  agencyId: Scalars['ID']['input'];
  amount: Scalars['Int']['input'];
  currency?: InputMaybe<Scalars['String']['input']>;
  note?: InputMaybe<Scalars['String']['input']>;
  returned?: InputMaybe<Scalars['Boolean']['input']>;
};


export type MutationRemoveAgencyDocumentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRemoveAgencyMemberArgs = {
  agencyId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationReviewAgencyDocumentArgs = {
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  status: DocumentStatus;
};


export type MutationRevokeAgencyInvitationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetAgencyCommissionArgs = {
  id: Scalars['ID']['input'];
  percent: Scalars['Float']['input'];
};


export type MutationSetAgencyServiceAreasArgs = {
  agencyId: Scalars['ID']['input'];
  areas: Array<ServiceAreaInput>;
};


export type MutationSetAgencyStatusArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  status: AgencyStatus;
};


export type MutationUpdateAgencyArgs = {
  id: Scalars['ID']['input'];
  input: UpdateAgencyInput;
};

/** Relay-style page information, identical in every subgraph that paginates. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Penalty = {
  __typename?: 'Penalty';
  amount: Money;
  id: Scalars['ID']['output'];
  issuedAt: Scalars['DateTime']['output'];
  issuedBy: User;
  reason: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The directory: cursor-paginated, RANK by default. */
  agencies: AgencyConnection;
  /** One agency by id or by slug (exactly one of them). */
  agency?: Maybe<Agency>;
  /** An invitation by the token from its mail (the signed-in invitee). */
  agencyInvitation?: Maybe<AgencyInvitation>;
  businessTypes: Array<BusinessType>;
};


export type QueryAgenciesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AgencyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<AgencySort>;
};


export type QueryAgencyArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryAgencyInvitationArgs = {
  token: Scalars['String']['input'];
};

/** One input to the ranking score. */
export type RankingFactor = {
  __typename?: 'RankingFactor';
  detail?: Maybe<Scalars['String']['output']>;
  /** RATING, COMPLETION, ON_TIME, RESPONSE_TIME, DISPUTES, PENALTIES, RECENCY. */
  key: Scalars['String']['output'];
  label: Scalars['String']['output'];
  /** The value mapped to 0…1 (1 best). */
  normalized: Scalars['Float']['output'];
  /** Points this factor adds to the score (normalized × weight × 100). */
  points: Scalars['Float']['output'];
  /** The measured value in its own unit, e.g. 4.6 (stars) or 0.93 (rate). */
  value?: Maybe<Scalars['Float']['output']>;
  weight: Scalars['Float']['output'];
};

/** Where an agency works: a circle around a center and/or whole regions. */
export type ServiceArea = {
  __typename?: 'ServiceArea';
  center?: Maybe<GeoPoint>;
  id: Scalars['ID']['output'];
  label?: Maybe<Scalars['String']['output']>;
  radiusKm?: Maybe<Scalars['Float']['output']>;
  /** ISO 3166-2 region codes served in full, e.g. DE-BE. */
  regionCodes: Array<Scalars['String']['output']>;
};

export type ServiceAreaInput = {
  center?: InputMaybe<GeoPointInput>;
  label?: InputMaybe<Scalars['String']['input']>;
  radiusKm?: InputMaybe<Scalars['Float']['input']>;
  regionCodes?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Fields left out stay as they are. */
export type UpdateAgencyInput = {
  businessTypes?: InputMaybe<Array<Scalars['ID']['input']>>;
  city?: InputMaybe<Scalars['String']['input']>;
  contact?: InputMaybe<AgencyContactInput>;
  description?: InputMaybe<Scalars['String']['input']>;
  location?: InputMaybe<GeoPointInput>;
  name?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};

export type User = {
  __typename?: 'User';
  /** The agencies this user belongs to (the user themself and admins; null for anyone else). */
  agencies?: Maybe<Array<Agency>>;
  id: Scalars['ID']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Agency: Agency;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Agency:
    ( { __typename: 'Agency' }
    & ( GraphQLRecursivePick<FederationTypes['Agency'], {"id":true}>
        | GraphQLRecursivePick<FederationTypes['Agency'], {"slug":true}> ) );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Agency: ResolverTypeWrapper<ListedAgency>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AgencyConnection: ResolverTypeWrapper<Omit<AgencyConnection, 'edges'> & { edges: Array<ResolversTypes['AgencyEdge']> }>;
  AgencyContact: ResolverTypeWrapper<AgencyContact>;
  AgencyContactInput: AgencyContactInput;
  AgencyDocument: ResolverTypeWrapper<DocumentRow>;
  AgencyEdge: ResolverTypeWrapper<Omit<AgencyEdge, 'node'> & { node: ResolversTypes['Agency'] }>;
  AgencyFilter: AgencyFilter;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AgencyFinances: ResolverTypeWrapper<AgencyRow>;
  AgencyInvitation: ResolverTypeWrapper<InvitationRow>;
  AgencyMember: ResolverTypeWrapper<MemberRow>;
  AgencyRanking: ResolverTypeWrapper<RankingRow>;
  AgencyRole: AgencyRole;
  AgencySort: AgencySort;
  AgencyStatus: AgencyStatus;
  AgencyTier: AgencyTier;
  BusinessType: ResolverTypeWrapper<BusinessTypeRow>;
  CreateAgencyInput: CreateAgencyInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DocumentStatus: DocumentStatus;
  File: ResolverTypeWrapper<UserRef>;
  GeoPoint: ResolverTypeWrapper<GeoPoint>;
  GeoPointInput: GeoPointInput;
  InvitationStatus: InvitationStatus;
  LedgerEntry: ResolverTypeWrapper<LedgerRow>;
  LedgerEntryConnection: ResolverTypeWrapper<Omit<LedgerEntryConnection, 'edges'> & { edges: Array<ResolversTypes['LedgerEntryEdge']> }>;
  LedgerEntryEdge: ResolverTypeWrapper<Omit<LedgerEntryEdge, 'node'> & { node: ResolversTypes['LedgerEntry'] }>;
  LedgerEntryKind: LedgerEntryKind;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Penalty: ResolverTypeWrapper<PenaltyRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RankingFactor: ResolverTypeWrapper<RankingFactor>;
  ServiceArea: ResolverTypeWrapper<ServiceAreaRow>;
  ServiceAreaInput: ServiceAreaInput;
  UpdateAgencyInput: UpdateAgencyInput;
  User: ResolverTypeWrapper<UserRef>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Agency: ListedAgency;
  String: Scalars['String']['output'];
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  AgencyConnection: Omit<AgencyConnection, 'edges'> & { edges: Array<ResolversParentTypes['AgencyEdge']> };
  AgencyContact: AgencyContact;
  AgencyContactInput: AgencyContactInput;
  AgencyDocument: DocumentRow;
  AgencyEdge: Omit<AgencyEdge, 'node'> & { node: ResolversParentTypes['Agency'] };
  AgencyFilter: AgencyFilter;
  Boolean: Scalars['Boolean']['output'];
  AgencyFinances: AgencyRow;
  AgencyInvitation: InvitationRow;
  AgencyMember: MemberRow;
  AgencyRanking: RankingRow;
  BusinessType: BusinessTypeRow;
  CreateAgencyInput: CreateAgencyInput;
  DateTime: Scalars['DateTime']['output'];
  File: UserRef;
  GeoPoint: GeoPoint;
  GeoPointInput: GeoPointInput;
  LedgerEntry: LedgerRow;
  LedgerEntryConnection: Omit<LedgerEntryConnection, 'edges'> & { edges: Array<ResolversParentTypes['LedgerEntryEdge']> };
  LedgerEntryEdge: Omit<LedgerEntryEdge, 'node'> & { node: ResolversParentTypes['LedgerEntry'] };
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Penalty: PenaltyRow;
  Query: Record<PropertyKey, never>;
  RankingFactor: RankingFactor;
  ServiceArea: ServiceAreaRow;
  ServiceAreaInput: ServiceAreaInput;
  UpdateAgencyInput: UpdateAgencyInput;
  User: UserRef;
}>;

export type AgencyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Agency'] = ResolversParentTypes['Agency'], FederationReferenceType extends FederationReferenceTypes['Agency'] = FederationReferenceTypes['Agency']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agency']> | FederationReferenceType, FederationReferenceType, ContextType>;
  businessTypes?: Resolver<Array<ResolversTypes['BusinessType']>, ParentType, ContextType>;
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  contact?: Resolver<ResolversTypes['AgencyContact'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  distanceKm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  documents?: Resolver<Maybe<Array<ResolversTypes['AgencyDocument']>>, ParentType, ContextType>;
  finances?: Resolver<Maybe<ResolversTypes['AgencyFinances']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invitations?: Resolver<Maybe<Array<ResolversTypes['AgencyInvitation']>>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
  members?: Resolver<Maybe<Array<ResolversTypes['AgencyMember']>>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ranking?: Resolver<ResolversTypes['AgencyRanking'], ParentType, ContextType>;
  rating?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reviewCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  serviceAreas?: Resolver<Array<ResolversTypes['ServiceArea']>, ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AgencyStatus'], ParentType, ContextType>;
  statusReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  verifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  viewerRole?: Resolver<Maybe<ResolversTypes['AgencyRole']>, ParentType, ContextType>;
}>;

export type AgencyConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AgencyConnection'] = ResolversParentTypes['AgencyConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AgencyEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AgencyContactResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AgencyContact'] = ResolversParentTypes['AgencyContact']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  website?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AgencyDocumentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AgencyDocument'] = ResolversParentTypes['AgencyDocument']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  file?: Resolver<ResolversTypes['File'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reviewedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  reviewedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DocumentStatus'], ParentType, ContextType>;
  uploadedBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type AgencyEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AgencyEdge'] = ResolversParentTypes['AgencyEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
}>;

export type AgencyFinancesResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AgencyFinances'] = ResolversParentTypes['AgencyFinances']> = ResolversObject<{
  balance?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commissionPercent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  commissionTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  depositBalance?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  ledger?: Resolver<ResolversTypes['LedgerEntryConnection'], ParentType, ContextType, RequireFields<AgencyFinancesLedgerArgs, 'first'>>;
  penalties?: Resolver<Array<ResolversTypes['Penalty']>, ParentType, ContextType>;
  penaltiesTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type AgencyInvitationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AgencyInvitation'] = ResolversParentTypes['AgencyInvitation']> = ResolversObject<{
  agency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invitedBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['AgencyRole'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['InvitationStatus'], ParentType, ContextType>;
}>;

export type AgencyMemberResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AgencyMember'] = ResolversParentTypes['AgencyMember']> = ResolversObject<{
  joinedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['AgencyRole'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type AgencyRankingResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AgencyRanking'] = ResolversParentTypes['AgencyRanking']> = ResolversObject<{
  breakdown?: Resolver<Array<ResolversTypes['RankingFactor']>, ParentType, ContextType>;
  computedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  position?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  positionOf?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  positionScope?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['AgencyTier'], ParentType, ContextType>;
}>;

export type BusinessTypeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BusinessType'] = ResolversParentTypes['BusinessType']> = ResolversObject<{
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FileResolvers<ContextType = Context, ParentType extends ResolversParentTypes['File'] = ResolversParentTypes['File']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type GeoPointResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GeoPoint'] = ResolversParentTypes['GeoPoint']> = ResolversObject<{
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lng?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type LedgerEntryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LedgerEntry'] = ResolversParentTypes['LedgerEntry']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LedgerEntryKind'], ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type LedgerEntryConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LedgerEntryConnection'] = ResolversParentTypes['LedgerEntryConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['LedgerEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type LedgerEntryEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LedgerEntryEdge'] = ResolversParentTypes['LedgerEntryEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LedgerEntry'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acceptAgencyInvitation?: Resolver<ResolversTypes['Agency'], ParentType, ContextType, RequireFields<MutationAcceptAgencyInvitationArgs, 'token'>>;
  addAgencyDocument?: Resolver<ResolversTypes['AgencyDocument'], ParentType, ContextType, RequireFields<MutationAddAgencyDocumentArgs, 'agencyId' | 'fileId' | 'kind'>>;
  createAgency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType, RequireFields<MutationCreateAgencyArgs, 'input'>>;
  createBusinessType?: Resolver<ResolversTypes['BusinessType'], ParentType, ContextType, RequireFields<MutationCreateBusinessTypeArgs, 'code' | 'label'>>;
  inviteAgencyMember?: Resolver<ResolversTypes['AgencyInvitation'], ParentType, ContextType, RequireFields<MutationInviteAgencyMemberArgs, 'agencyId' | 'email' | 'role'>>;
  issueAgencyPenalty?: Resolver<ResolversTypes['Penalty'], ParentType, ContextType, RequireFields<MutationIssueAgencyPenaltyArgs, 'agencyId' | 'amount' | 'currency' | 'reason'>>;
  recordAgencyDeposit?: Resolver<ResolversTypes['LedgerEntry'], ParentType, ContextType, RequireFields<MutationRecordAgencyDepositArgs, 'agencyId' | 'amount' | 'currency' | 'returned'>>;
  removeAgencyDocument?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveAgencyDocumentArgs, 'id'>>;
  removeAgencyMember?: Resolver<ResolversTypes['Agency'], ParentType, ContextType, RequireFields<MutationRemoveAgencyMemberArgs, 'agencyId' | 'userId'>>;
  reviewAgencyDocument?: Resolver<ResolversTypes['AgencyDocument'], ParentType, ContextType, RequireFields<MutationReviewAgencyDocumentArgs, 'id' | 'status'>>;
  revokeAgencyInvitation?: Resolver<ResolversTypes['AgencyInvitation'], ParentType, ContextType, RequireFields<MutationRevokeAgencyInvitationArgs, 'id'>>;
  setAgencyCommission?: Resolver<ResolversTypes['Agency'], ParentType, ContextType, RequireFields<MutationSetAgencyCommissionArgs, 'id' | 'percent'>>;
  setAgencyServiceAreas?: Resolver<ResolversTypes['Agency'], ParentType, ContextType, RequireFields<MutationSetAgencyServiceAreasArgs, 'agencyId' | 'areas'>>;
  setAgencyStatus?: Resolver<ResolversTypes['Agency'], ParentType, ContextType, RequireFields<MutationSetAgencyStatusArgs, 'id' | 'status'>>;
  updateAgency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType, RequireFields<MutationUpdateAgencyArgs, 'id' | 'input'>>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PenaltyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Penalty'] = ResolversParentTypes['Penalty']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  issuedBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  agencies?: Resolver<ResolversTypes['AgencyConnection'], ParentType, ContextType, RequireFields<QueryAgenciesArgs, 'first' | 'sort'>>;
  agency?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType, Partial<QueryAgencyArgs>>;
  agencyInvitation?: Resolver<Maybe<ResolversTypes['AgencyInvitation']>, ParentType, ContextType, RequireFields<QueryAgencyInvitationArgs, 'token'>>;
  businessTypes?: Resolver<Array<ResolversTypes['BusinessType']>, ParentType, ContextType>;
}>;

export type RankingFactorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RankingFactor'] = ResolversParentTypes['RankingFactor']> = ResolversObject<{
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  normalized?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type ServiceAreaResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ServiceArea'] = ResolversParentTypes['ServiceArea']> = ResolversObject<{
  center?: Resolver<Maybe<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  radiusKm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  regionCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agencies?: Resolver<Maybe<Array<ResolversTypes['Agency']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  Agency?: AgencyResolvers<ContextType>;
  AgencyConnection?: AgencyConnectionResolvers<ContextType>;
  AgencyContact?: AgencyContactResolvers<ContextType>;
  AgencyDocument?: AgencyDocumentResolvers<ContextType>;
  AgencyEdge?: AgencyEdgeResolvers<ContextType>;
  AgencyFinances?: AgencyFinancesResolvers<ContextType>;
  AgencyInvitation?: AgencyInvitationResolvers<ContextType>;
  AgencyMember?: AgencyMemberResolvers<ContextType>;
  AgencyRanking?: AgencyRankingResolvers<ContextType>;
  BusinessType?: BusinessTypeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  File?: FileResolvers<ContextType>;
  GeoPoint?: GeoPointResolvers<ContextType>;
  LedgerEntry?: LedgerEntryResolvers<ContextType>;
  LedgerEntryConnection?: LedgerEntryConnectionResolvers<ContextType>;
  LedgerEntryEdge?: LedgerEntryEdgeResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Penalty?: PenaltyResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RankingFactor?: RankingFactorResolvers<ContextType>;
  ServiceArea?: ServiceAreaResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

