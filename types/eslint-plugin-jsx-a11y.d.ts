// eslint-plugin-jsx-a11y ships no type declarations; eslint.config.js (type-checked with checkJs) uses only these.
declare module "eslint-plugin-jsx-a11y" {
  import type { Linter } from "eslint";

  const plugin: { flatConfigs: { recommended: Linter.Config; strict: Linter.Config } };
  export default plugin;
}
