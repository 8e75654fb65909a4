import { z } from "zod";
import prisma from "../db.server";

export const settingsUpdateSchema = z.object({
  processingDays: z.coerce.number().int().min(0).max(30),
  orderCutoffLocalTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use 24-hour HH:MM"),
  dataRetentionDays: z.coerce.number().int().min(30).max(3650),
  writeBackToShopify: z
    .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
    .optional()
    .transform((value) => value === "on" || value === "true"),
});

export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

export async function getSettings({ shop }: { shop: string }) {
  return prisma.shopSettings.upsert({ where: { shop }, create: { shop }, update: {} });
}

export async function updateSettings({ shop, update }: { shop: string; update: SettingsUpdate }) {
  return prisma.shopSettings.update({ where: { shop }, data: update });
}
