import type { Database } from "better-sqlite3";
import type { ClientBase, Client } from "pg";
export declare const MIGRATIONS_DIR: string;
export declare const PG_MIGRATIONS_DIR: string;
export declare class DatabaseStartupError extends Error {}
export declare function openDatabase(file: string, options?: { readonly?: boolean }): Database;
export declare function migrate(db: Database, migrationsDir?: string): string[];
export declare function migratePostgres(client: ClientBase, migrationsDir?: string): Promise<string[]>;
export declare function connectPostgres(url: string): Promise<Client>;
