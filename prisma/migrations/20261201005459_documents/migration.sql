-- AlterTable
ALTER TABLE "ExecutionPlan" ADD COLUMN "formFileId" TEXT;

-- AlterTable
ALTER TABLE "Quote" ADD COLUMN "signedFileId" TEXT;

-- CreateTable
CREATE TABLE "PlanDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "staff" TEXT NOT NULL,
    "milestones" TEXT NOT NULL,
    "formFileId" TEXT,
    "savedById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlanDraft_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApplicationDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fiscalYear" INTEGER,
    "issuedOn" TEXT,
    "fileId" TEXT NOT NULL,
    "attachedAtApplication" BOOLEAN NOT NULL DEFAULT false,
    "uploadedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApplicationDocument_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApplicationDocument_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ApplicationDocument" ("attachedAtApplication", "createdAt", "fileId", "fiscalYear", "id", "issuedOn", "kind", "ticketId", "uploadedById") SELECT "attachedAtApplication", "createdAt", "fileId", "fiscalYear", "id", "issuedOn", "kind", "ticketId", "uploadedById" FROM "ApplicationDocument";
DROP TABLE "ApplicationDocument";
ALTER TABLE "new_ApplicationDocument" RENAME TO "ApplicationDocument";
CREATE INDEX "ApplicationDocument_ticketId_kind_idx" ON "ApplicationDocument"("ticketId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PlanDraft_ticketId_key" ON "PlanDraft"("ticketId");
