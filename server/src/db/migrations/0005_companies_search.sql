-- Japanese partial search on company names and kana: trigram GIN index (needs a UTF-8 ctype,
-- which start-up enforces; under a plain C ctype pg_trgm finds no trigrams in Japanese text).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "companies_search_trgm_idx" ON "companies" USING gin ("search_text" gin_trgm_ops);
