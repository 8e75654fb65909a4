-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "customerIdHash" TEXT;

