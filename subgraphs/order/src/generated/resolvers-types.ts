import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderRow, UserRef, AgencyRef, ReviewRow, StatusChangeRow, StoredLineItem, AgencyRevenueRow } from '../store/schema';
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
  id: Scalars['ID']['output'];
  /** Orders placed with this agency, newest first (members and admins; null for anyone else). */
  orders?: Maybe<OrderConnection>;
  /** Reviews, newest first (public). */
  reviews: ReviewConnection;
  /** Orders by status, revenue, average rating (members and admins; null for anyone else). */
  stats?: Maybe<AgencyOrderStats>;
};


export type AgencyOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};


export type AgencyReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type AgencyOrderStats = {
  __typename?: 'AgencyOrderStats';
  averageRating?: Maybe<Scalars['Float']['output']>;
  byStatus: Array<OrderStatusCount>;
  /** Sum of COMPLETED and RESOLVED orders, per currency. */
  revenue: Array<Money>;
  reviewCount: Scalars['Int']['output'];
};

export type AgencyRevenue = {
  __typename?: 'AgencyRevenue';
  agency: Agency;
  orders: Scalars['Int']['output'];
  revenue: Money;
};

export type DailyOrderCount = {
  __typename?: 'DailyOrderCount';
  count: Scalars['Int']['output'];
  /** YYYY-MM-DD (UTC). */
  date: Scalars['String']['output'];
  status: OrderStatus;
};

export type DailyRevenue = {
  __typename?: 'DailyRevenue';
  date: Scalars['String']['output'];
  revenue: Money;
};

export type LineItem = {
  __typename?: 'LineItem';
  /** quantity × unitAmount. */
  amount: Scalars['Int']['output'];
  description: Scalars['String']['output'];
  quantity: Scalars['Int']['output'];
  /** Price of one unit in minor units. */
  unitAmount: Scalars['Int']['output'];
};

export type LineItemInput = {
  description: Scalars['String']['input'];
  quantity?: Scalars['Int']['input'];
  unitAmount: Scalars['Int']['input'];
};

/** Integer minor units (cents) and an ISO 4217 currency. */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Embedded sandbox only (refused in production): marks the order paid without a payment. */
  markOrderPaidSandbox: Order;
  /** Places an order with a VERIFIED agency; it starts PENDING. */
  placeOrder: Order;
  /** The agency answers a review once. */
  replyToReview: Order;
  /** The customer rates a COMPLETED (or RESOLVED) order once: rating 1–5. */
  reviewOrder: Order;
  /** Moves the order on; refused with FORBIDDEN (wrong role) or BAD_USER_INPUT (not from this status), changing nothing. */
  transitionOrder: Order;
};


export type MutationMarkOrderPaidSandboxArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};


export type MutationReplyToReviewArgs = {
  body: Scalars['String']['input'];
  orderId: Scalars['ID']['input'];
};


export type MutationReviewOrderArgs = {
  comment?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  rating: Scalars['Int']['input'];
};


export type MutationTransitionOrderArgs = {
  action: OrderAction;
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};

export type Order = {
  __typename?: 'Order';
  agency: Agency;
  /** Total in integer minor units of the currency (cents): the sum of the line items, or the amount given when placed without any. */
  amount: Scalars['Int']['output'];
  /** The actions the signed-in user may take now (empty for anyone else). */
  availableActions: Array<OrderAction>;
  createdAt: Scalars['DateTime']['output'];
  /** ISO 4217 currency code. */
  currency: Scalars['String']['output'];
  customer: User;
  description: Scalars['String']['output'];
  dueDate?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lineItems: Array<LineItem>;
  /** Human-readable order number, e.g. ORD-2026-000123. */
  number: Scalars['String']['output'];
  /** Set once paid (for now only by the embedded sandbox action). */
  paidAt?: Maybe<Scalars['DateTime']['output']>;
  review?: Maybe<Review>;
  status: OrderStatus;
  /** Every status change, oldest first, starting with the placement. */
  statusHistory: Array<OrderStatusChange>;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** What an actor can do to an order; each is allowed only from some states and for some roles (see subgraphs/order/README.md). */
export type OrderAction =
  | 'ACCEPT'
  | 'CANCEL'
  | 'COMPLETE'
  | 'DELIVER'
  | 'DISPUTE'
  | 'REFUND'
  | 'RESOLVE'
  | 'START';

/** The side an actor acted for. */
export type OrderActorRole =
  | 'ADMIN'
  | 'AGENCY'
  | 'CUSTOMER'
  | 'SYSTEM';

export type OrderConnection = {
  __typename?: 'OrderConnection';
  edges: Array<OrderEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

/** Platform figures for the admin dashboard. */
export type OrderDashboard = {
  __typename?: 'OrderDashboard';
  byStatus: Array<OrderStatusCount>;
  /** Orders created per day, by their current status. */
  ordersPerDay: Array<DailyOrderCount>;
  /** Revenue of orders completed per day. */
  revenuePerDay: Array<DailyRevenue>;
  topAgencies: Array<AgencyRevenue>;
};

export type OrderEdge = {
  __typename?: 'OrderEdge';
  cursor: Scalars['String']['output'];
  node: Order;
};

export type OrderFilter = {
  agencyId?: InputMaybe<Scalars['ID']['input']>;
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Admins only. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Order number or words of the title. */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<OrderStatus>>;
};

export type OrderStatus =
  | 'ACCEPTED'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'DELIVERED'
  | 'DISPUTED'
  | 'IN_PROGRESS'
  | 'PENDING'
  | 'REFUNDED'
  | 'RESOLVED';

export type OrderStatusChange = {
  __typename?: 'OrderStatusChange';
  action?: Maybe<OrderAction>;
  actor?: Maybe<User>;
  actorRole: OrderActorRole;
  at: Scalars['DateTime']['output'];
  /** Null for the first entry (the order was placed). */
  from?: Maybe<OrderStatus>;
  note?: Maybe<Scalars['String']['output']>;
  to: OrderStatus;
};

export type OrderStatusCount = {
  __typename?: 'OrderStatusCount';
  count: Scalars['Int']['output'];
  status: OrderStatus;
};

/** Relay-style page information, identical in every subgraph that paginates. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PlaceOrderInput = {
  agencyId: Scalars['ID']['input'];
  /** Minor units; only without lineItems (a quote to be agreed). Defaults to 0. */
  amount?: InputMaybe<Scalars['Int']['input']>;
  currency?: InputMaybe<Scalars['String']['input']>;
  description: Scalars['String']['input'];
  dueDate?: InputMaybe<Scalars['DateTime']['input']>;
  lineItems?: InputMaybe<Array<LineItemInput>>;
  title: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** One order (its customer, the agency's members and admins). */
  order?: Maybe<Order>;
  /** Admins: orders per day by status, revenue, top agencies over the last `days` days. */
  orderDashboard: OrderDashboard;
  /** Orders the caller may see, newest first: a customer's own, the agency's for its members, every order for admins. */
  orders: OrderConnection;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrderDashboardArgs = {
  days?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrderFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Review = {
  __typename?: 'Review';
  agency: Agency;
  author: User;
  comment?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  order: Order;
  /** 1–5. */
  rating: Scalars['Int']['output'];
  /** The agency's one reply. */
  reply?: Maybe<ReviewReply>;
};

export type ReviewConnection = {
  __typename?: 'ReviewConnection';
  edges: Array<ReviewEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ReviewEdge = {
  __typename?: 'ReviewEdge';
  cursor: Scalars['String']['output'];
  node: Review;
};

export type ReviewReply = {
  __typename?: 'ReviewReply';
  author: User;
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** Orders this user placed, newest first (the user themself and admins; null for anyone else). */
  orders?: Maybe<OrderConnection>;
};


export type UserOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
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
  Order: Order;
  Review: Review;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Agency:
    ( { __typename: 'Agency' }
    & GraphQLRecursivePick<FederationTypes['Agency'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Review:
    ( { __typename: 'Review' }
    & GraphQLRecursivePick<FederationTypes['Review'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Agency: ResolverTypeWrapper<AgencyRef>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AgencyOrderStats: ResolverTypeWrapper<AgencyRef>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  AgencyRevenue: ResolverTypeWrapper<AgencyRevenueRow>;
  DailyOrderCount: ResolverTypeWrapper<DailyOrderCount>;
  DailyRevenue: ResolverTypeWrapper<DailyRevenue>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  LineItem: ResolverTypeWrapper<StoredLineItem>;
  LineItemInput: LineItemInput;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderRow>;
  OrderAction: OrderAction;
  OrderActorRole: OrderActorRole;
  OrderConnection: ResolverTypeWrapper<Omit<OrderConnection, 'edges'> & { edges: Array<ResolversTypes['OrderEdge']> }>;
  OrderDashboard: ResolverTypeWrapper<Omit<OrderDashboard, 'topAgencies'> & { topAgencies: Array<ResolversTypes['AgencyRevenue']> }>;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderFilter: OrderFilter;
  OrderStatus: OrderStatus;
  OrderStatusChange: ResolverTypeWrapper<StatusChangeRow>;
  OrderStatusCount: ResolverTypeWrapper<OrderStatusCount>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PlaceOrderInput: PlaceOrderInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Review: ResolverTypeWrapper<ReviewRow>;
  ReviewConnection: ResolverTypeWrapper<Omit<ReviewConnection, 'edges'> & { edges: Array<ResolversTypes['ReviewEdge']> }>;
  ReviewEdge: ResolverTypeWrapper<Omit<ReviewEdge, 'node'> & { node: ResolversTypes['Review'] }>;
  ReviewReply: ResolverTypeWrapper<ReviewRow>;
  User: ResolverTypeWrapper<UserRef>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Agency: AgencyRef;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  AgencyOrderStats: AgencyRef;
  Float: Scalars['Float']['output'];
  AgencyRevenue: AgencyRevenueRow;
  DailyOrderCount: DailyOrderCount;
  DailyRevenue: DailyRevenue;
  DateTime: Scalars['DateTime']['output'];
  LineItem: StoredLineItem;
  LineItemInput: LineItemInput;
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  Order: OrderRow;
  OrderConnection: Omit<OrderConnection, 'edges'> & { edges: Array<ResolversParentTypes['OrderEdge']> };
  OrderDashboard: Omit<OrderDashboard, 'topAgencies'> & { topAgencies: Array<ResolversParentTypes['AgencyRevenue']> };
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderFilter: OrderFilter;
  OrderStatusChange: StatusChangeRow;
  OrderStatusCount: OrderStatusCount;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PlaceOrderInput: PlaceOrderInput;
  Query: Record<PropertyKey, never>;
  Review: ReviewRow;
  ReviewConnection: Omit<ReviewConnection, 'edges'> & { edges: Array<ResolversParentTypes['ReviewEdge']> };
  ReviewEdge: Omit<ReviewEdge, 'node'> & { node: ResolversParentTypes['Review'] };
  ReviewReply: ReviewRow;
  User: UserRef;
}>;

export type AgencyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Agency'] = ResolversParentTypes['Agency'], FederationReferenceType extends FederationReferenceTypes['Agency'] = FederationReferenceTypes['Agency']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agency']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<Maybe<ResolversTypes['OrderConnection']>, ParentType, ContextType, RequireFields<AgencyOrdersArgs, 'first'>>;
  reviews?: Resolver<ResolversTypes['ReviewConnection'], ParentType, ContextType, RequireFields<AgencyReviewsArgs, 'first'>>;
  stats?: Resolver<Maybe<ResolversTypes['AgencyOrderStats']>, ParentType, ContextType>;
}>;

export type AgencyOrderStatsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AgencyOrderStats'] = ResolversParentTypes['AgencyOrderStats']> = ResolversObject<{
  averageRating?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  byStatus?: Resolver<Array<ResolversTypes['OrderStatusCount']>, ParentType, ContextType>;
  revenue?: Resolver<Array<ResolversTypes['Money']>, ParentType, ContextType>;
  reviewCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AgencyRevenueResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AgencyRevenue'] = ResolversParentTypes['AgencyRevenue']> = ResolversObject<{
  agency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type DailyOrderCountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DailyOrderCount'] = ResolversParentTypes['DailyOrderCount']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  date?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
}>;

export type DailyRevenueResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DailyRevenue'] = ResolversParentTypes['DailyRevenue']> = ResolversObject<{
  date?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type LineItemResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LineItem'] = ResolversParentTypes['LineItem']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unitAmount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  markOrderPaidSandbox?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationMarkOrderPaidSandboxArgs, 'id'>>;
  placeOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
  replyToReview?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationReplyToReviewArgs, 'body' | 'orderId'>>;
  reviewOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationReviewOrderArgs, 'id' | 'rating'>>;
  transitionOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationTransitionOrderArgs, 'action' | 'id'>>;
}>;

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  availableActions?: Resolver<Array<ResolversTypes['OrderAction']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  customer?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dueDate?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lineItems?: Resolver<Array<ResolversTypes['LineItem']>, ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paidAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  review?: Resolver<Maybe<ResolversTypes['Review']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  statusHistory?: Resolver<Array<ResolversTypes['OrderStatusChange']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type OrderConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type OrderDashboardResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderDashboard'] = ResolversParentTypes['OrderDashboard']> = ResolversObject<{
  byStatus?: Resolver<Array<ResolversTypes['OrderStatusCount']>, ParentType, ContextType>;
  ordersPerDay?: Resolver<Array<ResolversTypes['DailyOrderCount']>, ParentType, ContextType>;
  revenuePerDay?: Resolver<Array<ResolversTypes['DailyRevenue']>, ParentType, ContextType>;
  topAgencies?: Resolver<Array<ResolversTypes['AgencyRevenue']>, ParentType, ContextType>;
}>;

export type OrderEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
}>;

export type OrderStatusChangeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderStatusChange'] = ResolversParentTypes['OrderStatusChange']> = ResolversObject<{
  action?: Resolver<Maybe<ResolversTypes['OrderAction']>, ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  actorRole?: Resolver<ResolversTypes['OrderActorRole'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['OrderStatus']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
}>;

export type OrderStatusCountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderStatusCount'] = ResolversParentTypes['OrderStatusCount']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  orderDashboard?: Resolver<ResolversTypes['OrderDashboard'], ParentType, ContextType, RequireFields<QueryOrderDashboardArgs, 'days'>>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<QueryOrdersArgs, 'first'>>;
}>;

export type ReviewResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Review'] = ResolversParentTypes['Review'], FederationReferenceType extends FederationReferenceTypes['Review'] = FederationReferenceTypes['Review']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Review']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  author?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  rating?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reply?: Resolver<Maybe<ResolversTypes['ReviewReply']>, ParentType, ContextType>;
}>;

export type ReviewConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReviewConnection'] = ResolversParentTypes['ReviewConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ReviewEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ReviewEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReviewEdge'] = ResolversParentTypes['ReviewEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Review'], ParentType, ContextType>;
}>;

export type ReviewReplyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReviewReply'] = ResolversParentTypes['ReviewReply']> = ResolversObject<{
  author?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<Maybe<ResolversTypes['OrderConnection']>, ParentType, ContextType, RequireFields<UserOrdersArgs, 'first'>>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  Agency?: AgencyResolvers<ContextType>;
  AgencyOrderStats?: AgencyOrderStatsResolvers<ContextType>;
  AgencyRevenue?: AgencyRevenueResolvers<ContextType>;
  DailyOrderCount?: DailyOrderCountResolvers<ContextType>;
  DailyRevenue?: DailyRevenueResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  LineItem?: LineItemResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderDashboard?: OrderDashboardResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderStatusChange?: OrderStatusChangeResolvers<ContextType>;
  OrderStatusCount?: OrderStatusCountResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Review?: ReviewResolvers<ContextType>;
  ReviewConnection?: ReviewConnectionResolvers<ContextType>;
  ReviewEdge?: ReviewEdgeResolvers<ContextType>;
  ReviewReply?: ReviewReplyResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

