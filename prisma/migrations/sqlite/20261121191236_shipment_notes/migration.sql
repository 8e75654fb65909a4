-- AlterTable (SQLite adds a NOT NULL column with a constant default in place; no table rebuild)
ALTER TABLE "Shipment" ADD COLUMN "internalNotes" TEXT NOT NULL DEFAULT '';
