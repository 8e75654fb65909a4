import type { Prisma } from "@prisma/client";
import { isUniqueConstraintViolation } from "../../prisma/client";
import { config } from "../config.server";
import prisma from "../db.server";
import { normalizePhoneE164 } from "../lib/phone";
import { hashCustomerContact, normalizeEmail, normalizePhone } from "../services/customer-identity.server";
import type { Channel } from "./notification-rules";

// Who must hear nothing more from a shop on a channel: shoppers who unsubscribed by email link, replied STOP,
// or were opted out by the merchant. Only a keyed hash of the address is kept.

export type OptOutSource = "unsubscribe_link" | "sms_stop" | "admin";

export const STOP_SUPPRESSED_REASON = "shopper replied STOP";

// Outbox rows the dispatcher has not sent yet and would still send ("failed" ones are waiting for a retry).
const UNSENT_STATUSES = ["queued", "failed"];

type OptOutAddress = { shop: string; channel: Channel; address: string };

export class OptOutAddressError extends Error {}

function normalizedAddress(channel: Channel, address: string): string {
  const normalized =
    channel === "email" ? normalizeEmail(address) : (normalizePhoneE164(address) ?? normalizePhone(address));
  if (!normalized)
    throw new OptOutAddressError(`not a usable ${channel === "email" ? "email address" : "phone number"}`);
  return normalized;
}

export function optOutAddressHash({ shop, channel, address }: OptOutAddress): string {
  return hashCustomerContact({
    shop,
    value: normalizedAddress(channel, address),
    key: config().CUSTOMER_HASH_KEY,
  });
}

type Client = Prisma.TransactionClient | typeof prisma;

// Idempotent: opting out twice keeps the first record (its source and time).
async function upsertOptOut(
  client: Client,
  {
    shop,
    channel,
    addressHash,
    source,
  }: { shop: string; channel: Channel; addressHash: string; source: OptOutSource },
) {
  await client.messagingOptOut.upsert({
    where: { shop_channel_addressHash: { shop, channel, addressHash } },
    create: { shop, channel, addressHash, source },
    update: {},
  });
}

export async function recordOptOut({
  shop,
  channel,
  address,
  source,
}: {
  shop: string;
  channel: Channel;
  address: string;
  source: OptOutSource;
}): Promise<void> {
  const addressHash = optOutAddressHash({ shop, channel, address });
  try {
    await upsertOptOut(prisma, { shop, channel, addressHash, source });
  } catch (error) {
    // Two opt-outs for the same address at once: the other one recorded it.
    if (isUniqueConstraintViolation(error)) return;
    throw error;
  }
}

/** Whether there was an opt-out to remove. */
export async function removeOptOut({ shop, channel, address }: OptOutAddress): Promise<boolean> {
  const addressHash = optOutAddressHash({ shop, channel, address });
  const { count } = await prisma.messagingOptOut.deleteMany({ where: { shop, channel, addressHash } });
  return count > 0;
}

export async function isOptedOut({ shop, channel, address }: OptOutAddress): Promise<boolean> {
  const addressHash = optOutAddressHash({ shop, channel, address });
  const found = await prisma.messagingOptOut.findUnique({
    where: { shop_channel_addressHash: { shop, channel, addressHash } },
    select: { id: true },
  });
  return found !== null;
}

// A STOP reply: the number is blocked for the whole shop, every order texting it turns SMS off (and forgets
// the number, kept only while SMS is on), and texts not sent yet for those orders are suppressed. All or
// nothing, so a crash never leaves a text queued for a shopper who said STOP.
export async function optOutPhone({
  shop,
  phone,
}: {
  shop: string;
  phone: string;
}): Promise<{ ordersTurnedOff: number; notificationsSuppressed: number }> {
  const e164 = normalizedAddress("sms", phone);
  const addressHash = optOutAddressHash({ shop, channel: "sms", address: e164 });
  return prisma.$transaction(async (tx) => {
    await upsertOptOut(tx, { shop, channel: "sms", addressHash, source: "sms_stop" });
    const preferences = await tx.notificationPreference.findMany({
      where: { shop, phone: e164 },
      select: { orderId: true },
    });
    const orderIds = preferences.map((preference) => preference.orderId);
    if (orderIds.length === 0) return { ordersTurnedOff: 0, notificationsSuppressed: 0 };
    await tx.notificationPreference.updateMany({
      where: { shop, orderId: { in: orderIds } },
      data: { smsOptIn: false, phone: null },
    });
    const suppressed = await tx.notification.updateMany({
      where: { shop, channel: "sms", status: { in: UNSENT_STATUSES }, orderId: { in: orderIds } },
      data: { status: "suppressed", suppressedReason: STOP_SUPPRESSED_REASON },
    });
    return { ordersTurnedOff: orderIds.length, notificationsSuppressed: suppressed.count };
  });
}

// START/UNSTOP/YES lifts the block only: texts resume for an order only when the shopper turns them on there
// again (with the consent that takes).
export async function optInPhone({ shop, phone }: { shop: string; phone: string }): Promise<boolean> {
  return removeOptOut({ shop, channel: "sms", address: phone });
}
