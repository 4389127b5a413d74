import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API runs on :3000 in development (`npm start`); the dev server forwards /api to it so the
// session cookie stays same-origin exactly as in production, where the API serves web/dist.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:3000" },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
});
