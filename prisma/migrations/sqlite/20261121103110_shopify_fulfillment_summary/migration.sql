-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "shopifyDeliveredAt" DATETIME;
ALTER TABLE "Shipment" ADD COLUMN "shopifyShipmentStatus" TEXT;

