-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "attentionOwner" TEXT;
ALTER TABLE "Shipment" ADD COLUMN "attentionReason" TEXT;

-- CreateTable
CREATE TABLE "DeliveryStats" (
    "shop" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "shipments" INTEGER NOT NULL DEFAULT 0,
    "shipped" INTEGER NOT NULL DEFAULT 0,
    "ttsHours" REAL NOT NULL DEFAULT 0,
    "tts00" INTEGER NOT NULL DEFAULT 0,
    "tts01" INTEGER NOT NULL DEFAULT 0,
    "tts02" INTEGER NOT NULL DEFAULT 0,
    "tts03" INTEGER NOT NULL DEFAULT 0,
    "tts04" INTEGER NOT NULL DEFAULT 0,
    "tts05" INTEGER NOT NULL DEFAULT 0,
    "tts06" INTEGER NOT NULL DEFAULT 0,
    "tts07" INTEGER NOT NULL DEFAULT 0,
    "tts08" INTEGER NOT NULL DEFAULT 0,
    "tts09" INTEGER NOT NULL DEFAULT 0,
    "tts10" INTEGER NOT NULL DEFAULT 0,
    "tts11" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "transitDays" REAL NOT NULL DEFAULT 0,
    "transit00" INTEGER NOT NULL DEFAULT 0,
    "transit01" INTEGER NOT NULL DEFAULT 0,
    "transit02" INTEGER NOT NULL DEFAULT 0,
    "transit03" INTEGER NOT NULL DEFAULT 0,
    "transit04" INTEGER NOT NULL DEFAULT 0,
    "transit05" INTEGER NOT NULL DEFAULT 0,
    "transit06" INTEGER NOT NULL DEFAULT 0,
    "transit07" INTEGER NOT NULL DEFAULT 0,
    "transit08" INTEGER NOT NULL DEFAULT 0,
    "transit09" INTEGER NOT NULL DEFAULT 0,
    "transit10" INTEGER NOT NULL DEFAULT 0,
    "transit11" INTEGER NOT NULL DEFAULT 0,
    "transit12" INTEGER NOT NULL DEFAULT 0,
    "transit13" INTEGER NOT NULL DEFAULT 0,
    "transit14" INTEGER NOT NULL DEFAULT 0,
    "transit15" INTEGER NOT NULL DEFAULT 0,
    "transit16" INTEGER NOT NULL DEFAULT 0,
    "transit17" INTEGER NOT NULL DEFAULT 0,
    "transit18" INTEGER NOT NULL DEFAULT 0,
    "transit19" INTEGER NOT NULL DEFAULT 0,
    "transit20" INTEGER NOT NULL DEFAULT 0,
    "transit21" INTEGER NOT NULL DEFAULT 0,
    "transit22" INTEGER NOT NULL DEFAULT 0,
    "promised" INTEGER NOT NULL DEFAULT 0,
    "onTime" INTEGER NOT NULL DEFAULT 0,
    "insideWindow" INTEGER NOT NULL DEFAULT 0,
    "promiseErrorDays" REAL NOT NULL DEFAULT 0,
    "late" INTEGER NOT NULL DEFAULT 0,
    "exceptions" INTEGER NOT NULL DEFAULT 0,
    "returned" INTEGER NOT NULL DEFAULT 0,
    "lost" INTEGER NOT NULL DEFAULT 0,
    "problemsCarrier" INTEGER NOT NULL DEFAULT 0,
    "problemsMerchant" INTEGER NOT NULL DEFAULT 0,
    "problemsShopper" INTEGER NOT NULL DEFAULT 0,
    "problemsCustoms" INTEGER NOT NULL DEFAULT 0,
    "problemsWeather" INTEGER NOT NULL DEFAULT 0,
    "firstAttempt" INTEGER NOT NULL DEFAULT 0,
    "scanLagHours" REAL NOT NULL DEFAULT 0,
    "scanLagCount" INTEGER NOT NULL DEFAULT 0,
    "helpRequests" INTEGER NOT NULL DEFAULT 0,
    "lookups" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "grain", "period", "carrier", "service", "country", "region"),
    CONSTRAINT "DeliveryStats_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeliveryStatsState" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "changesSeen" DATETIME NOT NULL,
    "pendingDays" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DeliveryStatsState_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeliveryStatsDimension" (
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("shop", "kind", "value"),
    CONSTRAINT "DeliveryStatsDimension_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "orderedAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
    "fulfillmentStatus" TEXT,
    "destinationCountry" TEXT,
    "destinationProvince" TEXT,
    "destinationPostalPrefix" TEXT,
    "customerEmailHash" TEXT,
    "customerPhoneHash" TEXT,
    "customerIdHash" TEXT,
    "customerLocale" TEXT,
    "trackingLookups" INTEGER NOT NULL DEFAULT 0,
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "shopifyUpdatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("cancelledAt", "createdAt", "customerEmailHash", "customerIdHash", "customerLocale", "customerPhoneHash", "destinationCountry", "destinationPostalPrefix", "destinationProvince", "fulfillmentStatus", "id", "itemCount", "name", "orderedAt", "shop", "shopifyId", "shopifyUpdatedAt", "updatedAt") SELECT "cancelledAt", "createdAt", "customerEmailHash", "customerIdHash", "customerLocale", "customerPhoneHash", "destinationCountry", "destinationPostalPrefix", "destinationProvince", "fulfillmentStatus", "id", "itemCount", "name", "orderedAt", "shop", "shopifyId", "shopifyUpdatedAt", "updatedAt" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE INDEX "Order_shop_name_idx" ON "Order"("shop", "name");
CREATE INDEX "Order_shop_customerEmailHash_idx" ON "Order"("shop", "customerEmailHash");
CREATE INDEX "Order_shop_orderedAt_idx" ON "Order"("shop", "orderedAt");
CREATE INDEX "Order_shop_updatedAt_idx" ON "Order"("shop", "updatedAt");
CREATE UNIQUE INDEX "Order_shop_shopifyId_key" ON "Order"("shop", "shopifyId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DeliveryStats_shop_grain_week_idx" ON "DeliveryStats"("shop", "grain", "week");

-- CreateIndex
CREATE INDEX "DeliveryStats_shop_grain_month_idx" ON "DeliveryStats"("shop", "grain", "month");

-- CreateIndex
CREATE INDEX "Shipment_shop_updatedAt_idx" ON "Shipment"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "SupportRequest_shop_updatedAt_idx" ON "SupportRequest"("shop", "updatedAt");

