import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRef, ProfileRow } from '../store/schema';
import type { EffectivePreferences } from '../domain/preferences';
import type { PendingVerification } from '../domain/phone';
import type { Context } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** ISO-8601 date-time in UTC. */
  DateTime: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type Address = {
  __typename?: 'Address';
  city: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 country code, e.g. DE. */
  country: Scalars['String']['output'];
  line1: Scalars['String']['output'];
  line2?: Maybe<Scalars['String']['output']>;
  postalCode: Scalars['String']['output'];
  /** ISO 3166-2 region code, e.g. DE-BE. */
  region?: Maybe<Scalars['String']['output']>;
};

export type AddressInput = {
  city: Scalars['String']['input'];
  country: Scalars['String']['input'];
  line1: Scalars['String']['input'];
  line2?: InputMaybe<Scalars['String']['input']>;
  postalCode: Scalars['String']['input'];
  region?: InputMaybe<Scalars['String']['input']>;
};

export type CategoryChannels = {
  __typename?: 'CategoryChannels';
  category: PreferenceCategory;
  /** The channels this category is delivered through; empty means none. */
  channels: Array<NotificationChannel>;
};

export type CategoryChannelsInput = {
  category: PreferenceCategory;
  channels: Array<NotificationChannel>;
};

export type File = {
  __typename?: 'File';
  id: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Confirms the code sent by startPhoneVerification; the number becomes the verified phone. */
  confirmPhoneVerification: Profile;
  /** Removes the phone number. */
  removePhone: Profile;
  /** Sends a one-time code to the number (E.164); the number is stored unverified until confirmed. */
  startPhoneVerification: PhoneVerification;
  updatePreferences: Preferences;
  /** Changes the signed-in user's profile; each invalid field is a BAD_USER_INPUT error naming the field. */
  updateProfile: Profile;
};


export type MutationConfirmPhoneVerificationArgs = {
  code: Scalars['String']['input'];
};


export type MutationStartPhoneVerificationArgs = {
  phone: Scalars['String']['input'];
};


export type MutationUpdatePreferencesArgs = {
  input: UpdatePreferencesInput;
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};

export type NotificationChannel =
  | 'EMAIL'
  | 'IN_APP'
  | 'PUSH'
  | 'SMS';

/** A code was sent to the phone; confirm it with confirmPhoneVerification. */
export type PhoneVerification = {
  __typename?: 'PhoneVerification';
  /** Codes left to try before a new one must be requested. */
  attemptsLeft: Scalars['Int']['output'];
  expiresAt: Scalars['DateTime']['output'];
  phone: Scalars['String']['output'];
};

/** What notifications are about; each has its own channels. */
export type PreferenceCategory =
  | 'MARKETING'
  | 'MESSAGES'
  | 'ORDERS'
  | 'PAYMENTS';

export type Preferences = {
  __typename?: 'Preferences';
  channels: Array<CategoryChannels>;
  /** BCP-47 language of the apps and of messages sent to the user. */
  language: Scalars['String']['output'];
  privacy: PrivacyPreferences;
  theme: Theme;
};

export type PrivacyPreferences = {
  __typename?: 'PrivacyPreferences';
  /** Whether usage may be analysed to improve the product. */
  allowAnalytics: Scalars['Boolean']['output'];
  /** Whether other participants see when the user was last active in chat. */
  showOnlineStatus: Scalars['Boolean']['output'];
  /** Whether agencies the user ordered from see the verified phone number. */
  showPhoneToAgencies: Scalars['Boolean']['output'];
};

export type PrivacyPreferencesInput = {
  allowAnalytics?: InputMaybe<Scalars['Boolean']['input']>;
  showOnlineStatus?: InputMaybe<Scalars['Boolean']['input']>;
  showPhoneToAgencies?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Profile = {
  __typename?: 'Profile';
  /** Postal address (the user themself and admins only). */
  address?: Maybe<Address>;
  /** The avatar image (a file of the file subgraph). */
  avatar?: Maybe<File>;
  /** Where the avatar can be fetched (the file's URL), null without one. */
  avatarUrl?: Maybe<Scalars['String']['output']>;
  bio?: Maybe<Scalars['String']['output']>;
  displayName: Scalars['String']['output'];
  /** BCP-47 language tag, e.g. en-GB. */
  locale: Scalars['String']['output'];
  /** E.164 phone number, e.g. +4930123456 (the user themself and admins only). */
  phone?: Maybe<Scalars['String']['output']>;
  /** Whether `phone` was confirmed with a code. */
  phoneVerified: Scalars['Boolean']['output'];
  /** IANA time zone, e.g. Europe/Berlin. */
  timezone: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type Theme =
  | 'DARK'
  | 'LIGHT'
  | 'SYSTEM';

/** Fields left out stay as they are; `channels` replaces only the categories it names. */
export type UpdatePreferencesInput = {
  channels?: InputMaybe<Array<CategoryChannelsInput>>;
  language?: InputMaybe<Scalars['String']['input']>;
  privacy?: InputMaybe<PrivacyPreferencesInput>;
  theme?: InputMaybe<Theme>;
};

/** Fields left out stay as they are; null clears an optional field. */
export type UpdateProfileInput = {
  address?: InputMaybe<AddressInput>;
  /** A file id (an image the caller owns); null removes the avatar. */
  avatarFileId?: InputMaybe<Scalars['ID']['input']>;
  bio?: InputMaybe<Scalars['String']['input']>;
  displayName?: InputMaybe<Scalars['String']['input']>;
  locale?: InputMaybe<Scalars['String']['input']>;
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** The user subgraph adds the profile and preferences to SSO's User. */
export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** Notification channels per category, privacy, language and theme (the user themself only; null for anyone else). */
  preferences?: Maybe<Preferences>;
  profile?: Maybe<Profile>;
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
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Address: ResolverTypeWrapper<Address>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AddressInput: AddressInput;
  CategoryChannels: ResolverTypeWrapper<CategoryChannels>;
  CategoryChannelsInput: CategoryChannelsInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  File: ResolverTypeWrapper<File>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NotificationChannel: NotificationChannel;
  PhoneVerification: ResolverTypeWrapper<PendingVerification>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  PreferenceCategory: PreferenceCategory;
  Preferences: ResolverTypeWrapper<EffectivePreferences>;
  PrivacyPreferences: ResolverTypeWrapper<PrivacyPreferences>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PrivacyPreferencesInput: PrivacyPreferencesInput;
  Profile: ResolverTypeWrapper<ProfileRow>;
  Theme: Theme;
  UpdatePreferencesInput: UpdatePreferencesInput;
  UpdateProfileInput: UpdateProfileInput;
  User: ResolverTypeWrapper<UserRef>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Address: Address;
  String: Scalars['String']['output'];
  AddressInput: AddressInput;
  CategoryChannels: CategoryChannels;
  CategoryChannelsInput: CategoryChannelsInput;
  DateTime: Scalars['DateTime']['output'];
  File: File;
  ID: Scalars['ID']['output'];
  Mutation: Record<PropertyKey, never>;
  PhoneVerification: PendingVerification;
  Int: Scalars['Int']['output'];
  Preferences: EffectivePreferences;
  PrivacyPreferences: PrivacyPreferences;
  Boolean: Scalars['Boolean']['output'];
  PrivacyPreferencesInput: PrivacyPreferencesInput;
  Profile: ProfileRow;
  UpdatePreferencesInput: UpdatePreferencesInput;
  UpdateProfileInput: UpdateProfileInput;
  User: UserRef;
}>;

export type AddressResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address']> = ResolversObject<{
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type CategoryChannelsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CategoryChannels'] = ResolversParentTypes['CategoryChannels']> = ResolversObject<{
  category?: Resolver<ResolversTypes['PreferenceCategory'], ParentType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['NotificationChannel']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FileResolvers<ContextType = Context, ParentType extends ResolversParentTypes['File'] = ResolversParentTypes['File']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  confirmPhoneVerification?: Resolver<ResolversTypes['Profile'], ParentType, ContextType, RequireFields<MutationConfirmPhoneVerificationArgs, 'code'>>;
  removePhone?: Resolver<ResolversTypes['Profile'], ParentType, ContextType>;
  startPhoneVerification?: Resolver<ResolversTypes['PhoneVerification'], ParentType, ContextType, RequireFields<MutationStartPhoneVerificationArgs, 'phone'>>;
  updatePreferences?: Resolver<ResolversTypes['Preferences'], ParentType, ContextType, RequireFields<MutationUpdatePreferencesArgs, 'input'>>;
  updateProfile?: Resolver<ResolversTypes['Profile'], ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
}>;

export type PhoneVerificationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PhoneVerification'] = ResolversParentTypes['PhoneVerification']> = ResolversObject<{
  attemptsLeft?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  phone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PreferencesResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Preferences'] = ResolversParentTypes['Preferences']> = ResolversObject<{
  channels?: Resolver<Array<ResolversTypes['CategoryChannels']>, ParentType, ContextType>;
  language?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  privacy?: Resolver<ResolversTypes['PrivacyPreferences'], ParentType, ContextType>;
  theme?: Resolver<ResolversTypes['Theme'], ParentType, ContextType>;
}>;

export type PrivacyPreferencesResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PrivacyPreferences'] = ResolversParentTypes['PrivacyPreferences']> = ResolversObject<{
  allowAnalytics?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  showOnlineStatus?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  showPhoneToAgencies?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ProfileResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Profile'] = ResolversParentTypes['Profile']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType>;
  avatar?: Resolver<Maybe<ResolversTypes['File']>, ParentType, ContextType>;
  avatarUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  bio?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  locale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phoneVerified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  timezone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  preferences?: Resolver<Maybe<ResolversTypes['Preferences']>, ParentType, ContextType>;
  profile?: Resolver<Maybe<ResolversTypes['Profile']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  Address?: AddressResolvers<ContextType>;
  CategoryChannels?: CategoryChannelsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  File?: FileResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PhoneVerification?: PhoneVerificationResolvers<ContextType>;
  Preferences?: PreferencesResolvers<ContextType>;
  PrivacyPreferences?: PrivacyPreferencesResolvers<ContextType>;
  Profile?: ProfileResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

