// A throwaway PostgreSQL cluster for tests (tests/support/postgres-cluster.js, plain JS so that the end-to-end
// server can start one too), typed for the TypeScript tests.
import { postgresBinaries } from "./postgres-binaries.js";
import { removeCluster, startCluster as startClusterJs } from "./postgres-cluster.js";

export { postgresBinaries, removeCluster };

export interface Cluster {
  port: number;
  /** Its folder (data, socket and log), removed by stop(). */
  dir: string;
  /** A connection URL to one database of the cluster. */
  url(database: string): string;
  /** Stops the server and removes the folder; a second call does nothing. */
  stop(): void;
}

/** Starts a cluster tuned for tests (no fsync: the tests kill app processes, never the database server). */
export const startCluster: () => Promise<Cluster> = startClusterJs;
