// How much authored content may ask of the checker. One place, shared by `npm run content:check`, the build
// and the studio, so a file that passes one passes all three. Each limit is several times what the largest
// file in content/ needs today (measured 2026-12-02; see docs/decisions/0101-bounded-work-for-authored-content.md),
// so no honest author meets them, while a crafted file is refused in milliseconds instead of freezing a server.

/** Bump when a limit changes, so stored draft checks are made again. */
export const LIMITS_VERSION = "1";

export const LIMITS = {
  /** bytes of a scenario file (largest today: 72 kB) */
  scenarioBytes: 400_000,
  /** bytes of a module file (largest today: 22 kB); Markdown parsing is the slowest step per byte */
  moduleBytes: 120_000,
  /** participants in a scenario (most today: 4) */
  participants: 20,
  /** meters per participant (most today: 3); each one multiplies the states to explore, so no more headroom */
  meters: 4,
  /** nodes in a scenario (most today: 28) */
  nodes: 200,
  /** choices at one node (most today: 4); also a rule of the format: more is too many to weigh */
  choicesPerNode: 5,
  /** characters in one `if:` condition (longest today: 114) */
  conditionChars: 1_000,
  /** distinct states the validator explores (most today: 37,157) */
  states: 250_000,
  /** `#` headings in a module (most today: 7) */
  headings: 60,
  /** block quotes, lists and components inside one another in a module (deepest today: 1) */
  nestingDepth: 10,
  /** YAML aliases (`*name`) in one file (none today) */
  yamlAliases: 50,
} as const;

export const kB = (bytes: number) => `${Math.round(bytes / 1000)} kB`;
