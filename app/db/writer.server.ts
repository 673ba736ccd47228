// The process's one writing connection, shared: Prisma's better-sqlite3 connection, also used directly with
// prepared statements on the hottest write (a scenario choice), where a Prisma query costs about a millisecond
// and a prepared statement microseconds (docs/decisions/0241). One connection, so two writers of this process
// never contend for SQLite's write lock.
//
// Prisma's adapter runs an interactive transaction as BEGIN ... awaits ... COMMIT on that connection. A direct
// write must never land inside someone else's open transaction, so both take the same lock: Prisma's
// transactions hold it from BEGIN to COMMIT or ROLLBACK, a direct write for its synchronous run.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { Database, Statement } from "better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** A first-come, first-served lock: `acquire` resolves with the function that releases it. */
class WriteLock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const granted = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return granted;
  }
}

interface Writer {
  db: Database | null;
  lock: WriteLock;
  statements: Map<string, Statement>;
}

const globalForWriters = globalThis as unknown as { __circlekeeperWriters?: Map<string, Writer> };
const writers = (globalForWriters.__circlekeeperWriters ??= new Map());

function writerFor(file: string): Writer {
  let writer = writers.get(file);
  if (!writer) writers.set(file, (writer = { db: null, lock: new WriteLock(), statements: new Map() }));
  return writer;
}

/** Prisma's adapter factory, keeping hold of the connection it opens and putting its transactions under the lock. */
export class SharedWriterAdapter extends PrismaBetterSQLite3 {
  readonly #file: string;
  constructor(file: string, options: { timeout: number }) {
    super({ url: `file:${file}`, ...options });
    this.#file = file;
  }

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const writer = writerFor(this.#file);
    // The adapter keeps its better-sqlite3 connection as `client` (not in its type declarations).
    writer.db = (adapter as unknown as { client: Database }).client;
    writer.statements.clear();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const release = await writer.lock.acquire();
      try {
        return releasingOnEnd(await start(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    };
    return adapter;
  }
}

function releasingOnEnd(tx: Transaction, release: () => void): Transaction {
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  tx.commit = () => commit().finally(release);
  tx.rollback = () => rollback().finally(release);
  return tx;
}

function connected(file: string): Writer & { db: Database } {
  const writer = writerFor(file);
  if (!writer.db || !writer.db.open)
    throw new Error("The database connection is not open yet (Prisma connects it on its first query).");
  return writer as Writer & { db: Database };
}

function statementOf(writer: Writer & { db: Database }, sql: string): Statement {
  let statement = writer.statements.get(sql);
  if (!statement) writer.statements.set(sql, (statement = writer.db.prepare(sql).safeIntegers(false)));
  return statement;
}

export type Prepare = (sql: string) => Statement;

/**
 * Runs `work` with prepared statements on the writing connection, outside any Prisma transaction. `work` is
 * synchronous, so nothing else runs on the connection meanwhile; several statements go in one transaction.
 */
export async function withWriter<T>(file: string, work: (prepare: Prepare) => T): Promise<T> {
  const release = await writerFor(file).lock.acquire();
  try {
    const writer = connected(file);
    const prepare: Prepare = (sql) => statementOf(writer, sql);
    return writer.db.transaction(() => work(prepare)).immediate();
  } finally {
    release();
  }
}

/**
 * Prepared statements inside the Prisma transaction in progress (`prisma.$transaction(async (tx) => ...)`):
 * they run on its connection, after its BEGIN, so they commit or roll back with it.
 */
export function inOpenTransaction<T>(file: string, work: (prepare: Prepare) => T): T {
  const writer = connected(file);
  if (!writer.db.inTransaction) throw new Error("inOpenTransaction needs a Prisma transaction in progress.");
  return work((sql) => statementOf(writer, sql));
}
