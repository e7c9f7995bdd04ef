// One Vite config for the app (`npm start`) and the tests (`npm test` runs vitest with it).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: `${here}src/app`,
  resolve: {
    // danfojs's default browser bundle embeds a second tfjs (3.x); its source build shares ours.
    alias: [{ find: /^danfojs$/, replacement: `${here}node_modules/danfojs/dist/danfojs-browser/src/index.js` }]
  },
  server: { host: "127.0.0.1", fs: { allow: [here] } },
  test: {
    root: here,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          root: here,
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "node_modules/**"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000
        }
      }
    ]
  }
});
