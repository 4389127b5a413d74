export { dispatchRoutes } from "./dispatch.routes.js";
export { hasCompletedDispatch } from "./dispatch.service.js";
export { expertRoutes } from "./experts.routes.js";
export { deriveFrames, syncFrames } from "./frames.service.js";
