// Hostile inputs shared by the Vitest security tests and the end-to-end ones.

export const SQL_PAYLOADS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '" OR ""="',
  "'; DROP TABLE User; --",
  "') UNION SELECT id, email, passwordHash, role, agencyId, unitId, name, email, id, id FROM User --",
  "1; UPDATE User SET role='admin' --",
  "%",
  "_",
  "\\",
  "%' --",
  "*",
  "\u0000",
];

export const REDIRECT_PAYLOADS = [
  "//evil.example",
  "///evil.example",
  "https://evil.example",
  "http:evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  " //evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "%2F%2Fevil.example",
  "/%2F%2Fevil.example",
  "/..//evil.example",
  "//evil.example/%2e%2e",
  "https:/\\evil.example",
  "\u3000//evil.example",
];

export const SLUG_PAYLOADS = [
  "../../package",
  "../../package.json",
  "..%2F..%2Fpackage",
  "../secret",
  "..\\..\\package",
  "/etc/passwd",
  "%2e%2e%2f%2e%2e%2fpackage.json",
  "what-is-restoration/../../../package",
  "what-is-restoration\u0000",
  ".",
  "..",
];

/** Script and HTML that must come back as text wherever a user's words are shown. */
export const SCRIPT_PAYLOADS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "</textarea><script>alert(1)</script>",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "javascript:alert(1)//<b>bold</b>",
];
