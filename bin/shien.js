#!/usr/bin/env node
// The `shien` command. The server is TypeScript run through tsx's loader (no build step),
// so `npx shien …` works right after `npm install`.
import { register } from "tsx/esm/api";

register();
await import("../server/src/cli/index.ts");
