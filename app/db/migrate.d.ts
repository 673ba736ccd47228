import type { Database } from "better-sqlite3";
export declare const MIGRATIONS_DIR: string;
export declare class DatabaseStartupError extends Error {}
export declare function openDatabase(file: string, options?: { readonly?: boolean }): Database;
export declare function migrate(db: Database, migrationsDir?: string): string[];
