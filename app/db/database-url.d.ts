export declare const DEFAULT_DATABASE_URL: string;
export declare function databasePath(url?: string): string;
export declare function databaseEngine(url?: string): "sqlite" | "postgres";
export declare function databaseUrl(): string;
