-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "shopifyDeliveredAt" TIMESTAMP(3),
ADD COLUMN     "shopifyShipmentStatus" TEXT;

