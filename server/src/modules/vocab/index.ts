export { vocabRoutes } from "./vocab.routes.js";
export { vocabNames } from "./vocab.service.js";
