-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "internalNotes" TEXT NOT NULL DEFAULT '';

