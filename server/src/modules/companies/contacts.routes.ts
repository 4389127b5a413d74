import {
  contactInputSchema,
  contactListSchema,
  contactParamsSchema,
  contactSchema,
  contactUpdateSchema,
  idParamsSchema,
  okSchema,
} from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { addContact, listContacts, removeContact, updateContact } from "./contacts.service.js";

export function contactRoutes(app: ZodApp): void {
  const tags = ["companies"];
  app.get(
    "/api/companies/:id/contacts",
    { schema: { tags, summary: "事業者の担当者", params: idParamsSchema, response: { 200: contactListSchema } } },
    async (req) => ({ items: await listContacts(app.db, req.actorOrThrow(), req.params.id) }),
  );
  app.post(
    "/api/companies/:id/contacts",
    {
      schema: {
        tags,
        summary: "担当者の追加",
        params: idParamsSchema,
        body: contactInputSchema,
        response: { 201: contactSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await addContact(app.db, req.actorOrThrow(), req.params.id, req.body)),
  );
  app.patch(
    "/api/companies/:id/contacts/:contactId",
    {
      schema: {
        tags,
        summary: "担当者の変更",
        params: contactParamsSchema,
        body: contactUpdateSchema,
        response: { 200: contactSchema },
      },
    },
    (req) => updateContact(app.db, req.actorOrThrow(), req.params.id, req.params.contactId, req.body),
  );
  app.delete(
    "/api/companies/:id/contacts/:contactId",
    { schema: { tags, summary: "担当者の削除", params: contactParamsSchema, response: { 200: okSchema } } },
    async (req) => {
      await removeContact(app.db, req.actorOrThrow(), req.params.id, req.params.contactId);
      return { ok: true as const };
    },
  );
}
