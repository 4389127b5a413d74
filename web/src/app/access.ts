import type { Role, SessionUser } from "@shien/contracts";

/**
 * What the UI offers a user. The server decides what is allowed; these predicates only hide
 * links and pages the server would refuse, so both must be kept in step with server rules.
 */
export type Audience = (user: SessionUser) => boolean;

export const everyone: Audience = () => true;
export const roles =
  (...allowed: Role[]): Audience =>
  (user) =>
    allowed.includes(user.role);
export const adminsOnly: Audience = roles("admin");
