import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema/index.js";

export type Db = NodePgDatabase<typeof schema>;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

// bigint (int8) columns arrive as strings from node-postgres; money and counts are safe integers
// far below 2^53 in this domain, so parse them once here and refuse anything unsafe.
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value out of safe range: ${v}`);
  return n;
});

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connect(url: string, opts: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", () => {});
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}

/** pg_trgm and collation-aware search need a UTF-8 ctype; refuse anything else at start-up. */
export async function assertUtf8(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ ctype: string; encoding: string }>(
    "select datctype as ctype, pg_encoding_to_char(encoding) as encoding from pg_database where datname = current_database()",
  );
  const row = rows[0];
  if (!row || !/utf-?8/i.test(row.ctype) || !/utf-?8/i.test(row.encoding)) {
    throw new Error(
      `データベースの文字コード設定が UTF-8 ではありません (encoding=${row?.encoding}, ctype=${row?.ctype})。` +
        "ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' などで作成したデータベースを指定してください / " +
        "the database must use UTF-8 encoding and a UTF-8 ctype (e.g. C.UTF-8)",
    );
  }
}

/** Runs fn in a transaction; inside an open transaction it nests as a savepoint. */
export function inTransaction<T>(db: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return (db as Db).transaction((tx) => fn(tx));
}
