-- Competency summary (docs/decisions/0400-competency-summary.md): per-officer tallies and per-unit/agency running
-- sums, kept in the transaction that changes the evidence. Created empty: the start-up back-fill fills them from
-- the TypeScript rule (app/insight/competency-summary.server.ts) and records itself in SummaryBackfill.
CREATE TABLE "OfficerCompetency" (
    "officerId" TEXT NOT NULL,
    "competency" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "total" REAL NOT NULL,
    "meanMicro" INTEGER NOT NULL,
    "countedAgencyId" TEXT,
    "countedUnitId" TEXT,

    PRIMARY KEY ("officerId", "competency")
);

CREATE TABLE "GroupCompetency" (
    "scopeKind" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "competency" TEXT NOT NULL,
    "officers" INTEGER NOT NULL,
    "meanMicroSum" REAL NOT NULL,

    PRIMARY KEY ("scopeKind", "scopeId", "competency")
);

CREATE TABLE "SummaryBackfill" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "doneAt" DATETIME NOT NULL
);
