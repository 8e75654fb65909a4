import prisma from "../db.server";
import { verifyUnsubscribeToken } from "./notification-links.server";

// The email's unsubscribe link (and its one-click POST, RFC 8058): this shop sends that address nothing more,
// for any order, and what was still waiting to go to it for this order is dropped at once.
export async function unsubscribeWithToken({ shop, token }: { shop: string; token: string }) {
  const parsed = verifyUnsubscribeToken({ shop, token });
  if (!parsed || parsed.channel !== "email") return null;
  const { orderId, addressHash } = parsed;
  const [, suppressed] = await prisma.$transaction([
    prisma.messagingOptOut.upsert({
      where: { shop_channel_addressHash: { shop, channel: "email", addressHash } },
      create: { shop, channel: "email", addressHash, source: "unsubscribe_link" },
      update: {},
      select: { id: true },
    }),
    prisma.notification.updateMany({
      where: { shop, orderId, channel: "email", status: { in: ["queued", "failed"] } },
      data: { status: "suppressed", suppressedReason: "the shopper unsubscribed" },
    }),
  ]);
  return { orderId, suppressed: suppressed.count };
}
