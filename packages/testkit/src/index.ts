export * from './env';
export * from './databases';
export * from './subgraph';
export * from './platform';
export * from './oidc';
