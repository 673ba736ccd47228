// Remix's own options, passed to the Vite plugin by vite.config.ts.
/** @type {import("@remix-run/dev").VitePluginConfig} */
export default {
  appDirectory: "app",
  // BUILD_DIR lets parallel work (benchmarks, a second checkout of the tests) build without clobbering build/.
  buildDirectory: process.env.BUILD_DIR || "build",
  ignoredRouteFiles: ["**/*.test.*", "**/*.css"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
    v3_routeConfig: true,
  },
};
