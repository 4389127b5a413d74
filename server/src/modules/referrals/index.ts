export { referralRoutes } from "./referrals.routes.js";
