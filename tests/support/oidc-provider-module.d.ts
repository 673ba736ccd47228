// oidc-provider 9 ships no type declarations; the tests use it through the few calls in oidc-provider.ts.
declare module "oidc-provider";
