import type { ErrorBody, ErrorCode, FieldError, Locale, MeResponse } from "@shien/contracts";
import { QueryClient } from "@tanstack/react-query";

/** An error answered by the API (or a network failure, code `NETWORK`). */
export class ApiError extends Error {
  readonly code: ErrorCode | "NETWORK";
  readonly status: number;
  readonly details: FieldError[];

  constructor(status: number, code: ErrorCode | "NETWORK", message: string, details: FieldError[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The server's message for one form field, if it named that field. */
  fieldError(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message;
  }
}

// Module state rather than React state: the fetch wrapper runs outside components.
let csrfToken: string | null = null;
let locale: Locale = "ja";
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLocale(next: Locale): void {
  locale = next;
}

/** Called once by the app: what to do when the session has ended (show the login page). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const NETWORK_MESSAGE: Record<Locale, string> = {
  ja: "サーバーに接続できません。ネットワークを確認して、もう一度お試しください。",
  en: "Cannot reach the server. Check the network and try again.",
};

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x` from the defined, non-empty values only. */
export function toQueryString(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": locale };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "NETWORK", NETWORK_MESSAGE[locale]);
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (body.error) {
      return new ApiError(response.status, body.error.code, body.error.message, body.error.details ?? []);
    }
  } catch {
    // Not JSON (a proxy's error page, for instance): fall through to a generic message.
  }
  return new ApiError(response.status, "INTERNAL", `HTTP ${response.status}`);
}

/**
 * The one way the web app talks to the API: JSON in and out, the UI language in
 * Accept-Language, the CSRF token on mutations. A CSRF failure (token rotated by another tab)
 * refreshes the token from /api/auth/me and retries once.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body);
  if (response.status === 403 && method !== "GET") {
    const error = await toApiError(response.clone());
    if (error.code === "CSRF_FAILED" && (await refreshCsrfToken())) {
      response = await send(method, path, body);
    }
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.code === "UNAUTHENTICATED" && onUnauthenticated) onUnauthenticated();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send("GET", "/api/auth/me", undefined);
  if (!response.ok) return false;
  const me = (await response.json()) as MeResponse;
  setCsrfToken(me.csrfToken);
  return true;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Retrying a 4xx only delays the message the user needs to see.
      retry: (failureCount, error) =>
        failureCount < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});
