/**
 * Minimal typings for the two npm modules transport.ts loads (neither ships types). Both are
 * CommonJS: import the default. transport.ts narrows them to what it uses.
 */
declare module '@npmcli/agent' {
  const agent: unknown;
  export default agent;
}

declare module 'npm-registry-fetch/lib/auth.js' {
  const getAuth: unknown;
  export default getAuth;
}
