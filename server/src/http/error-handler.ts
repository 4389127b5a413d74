import type { ErrorBody } from "@shien/contracts";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { loggableError } from "../lib/loggable-error.js";
import { AppError, STATUS_OF } from "./app-error.js";
import { langOf } from "./lang.js";
import { toFieldErrors, type ValidationIssue } from "./validation-messages.js";

/** The one place errors become responses. 5xx bodies carry a fixed message, never internals. */
export function registerErrorHandler(app: FastifyInstance, spaIndexHtml?: string): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appError = toAppError(err, req.routeOptions?.url);
    const status = STATUS_OF[appError.code];
    if (status >= 500) req.log.error({ err: loggableError(err) }, "unhandled error");
    return send(reply, req, status, appError);
  });
  app.setNotFoundHandler((req, reply) => {
    if (spaIndexHtml && req.method === "GET" && !req.url.startsWith("/api/")) {
      return reply.type("text/html; charset=utf-8").send(spaIndexHtml);
    }
    return send(
      reply,
      req,
      404,
      new AppError("NOT_FOUND", {
        ja: `${req.method} ${req.url.split("?")[0]} というAPIはありません。`,
        en: `There is no API ${req.method} ${req.url.split("?")[0]}.`,
      }),
    );
  });
}

function send(reply: FastifyReply, req: FastifyRequest, status: number, e: AppError) {
  const lang = langOf(req);
  const body: ErrorBody = {
    error: {
      code: e.code,
      message: e.text[lang],
      ...(e.details.length > 0
        ? { details: e.details.map((d) => ({ field: d.field, message: d.message[lang] })) }
        : {}),
    },
  };
  return reply.status(status).type("application/json; charset=utf-8").send(body);
}

function toAppError(err: FastifyError, route: string | undefined): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = toFieldErrors(err.validation as unknown as ValidationIssue[], err.validationContext, route);
    return new AppError(
      "VALIDATION_FAILED",
      {
        ja: `入力内容に誤りがあります: ${details.map((d) => d.message.ja).join(" ")}`,
        en: `Some fields are invalid: ${details.map((d) => d.message.en).join(" ")}`,
      },
      details,
    );
  }
  if (
    err.code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
    err.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
    err instanceof SyntaxError
  ) {
    return new AppError("VALIDATION_FAILED", {
      ja: "リクエストの本文が正しいJSONではありません。JSON形式で送ってください。",
      en: "The request body is not valid JSON; send JSON.",
    });
  }
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return new AppError("VALIDATION_FAILED", {
      ja: "Content-Type が対応していません。application/json で送ってください。",
      en: "Unsupported Content-Type; send application/json.",
    });
  }
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return new AppError("VALIDATION_FAILED", {
      ja: "リクエストが大きすぎます。",
      en: "The request body is too large.",
    });
  }
  if (err.statusCode === 429) {
    return new AppError("RATE_LIMITED", {
      ja: "リクエストが多すぎます。しばらく待ってから再度お試しください。",
      en: "Too many requests. Wait a moment and try again.",
    });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError("VALIDATION_FAILED", {
      ja: "リクエストが正しくありません。",
      en: "The request is invalid.",
    });
  }
  return new AppError("INTERNAL", {
    ja: "サーバーで問題が発生しました。時間をおいて再度お試しください。解決しない場合は管理者に連絡してください。",
    en: "Something went wrong on the server. Try again later, or contact your administrator.",
  });
}
