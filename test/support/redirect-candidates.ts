// callbackUrl values an attacker might put in a sign-in link, shared by the unit test of
// safeLocalPath and the browser test that signs in with each of them. Every one must land on a
// page of this origin; none may start with "//" once normalised.
export const HOSTILE_REDIRECTS = [
  "//evil.example",
  "//evil.example/phish",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/%09/evil.example",
  "/.//evil.example/phish",
  "/./..//evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/a/b/../..//evil.example",
  "/cases/..//evil.example",
  "/cases/../..//evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2E//evil.example",
  "/%2e//evil.example",
  "/.%2e//evil.example",
  "/cases/%2e%2e//evil.example",
  "/%5c%5cevil.example",
  "/%2f%2fevil.example",
  "https://evil.example/",
  "http:evil.example",
  "https:/evil.example",
  "javascript:alert(1)",
  "data:text/html,hi",
  " //evil.example",
  "evil.example",
  "cases",
  "",
];

/** Local paths that must be kept as they are. */
export const LOCAL_REDIRECTS = ["/cases", "/cases/LAN-2026-0001?notesPage=2", "/audit#top", "/evidence?q=a%2F%2Fb"];
