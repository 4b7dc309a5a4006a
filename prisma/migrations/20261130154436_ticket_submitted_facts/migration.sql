-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "submittedFacts" TEXT;
