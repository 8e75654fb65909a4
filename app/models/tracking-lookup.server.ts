import prisma from "../db.server";
import { config } from "../config.server";
import { hashCustomerEmail, hashesMatch } from "../services/customer-identity.server";

const RECENT_EVENTS = 5;

export function normalizeOrderName(input: string): string {
  const digits = input.trim().replace(/^#/, "");
  return `#${digits}`;
}

// "Order number + email": the same null answer whether the order does not exist or the email is wrong, and
// the hash comparison is constant-time, so the page reveals nothing about other people's orders.
export async function findOrderForShopper({
  shop,
  orderName,
  email,
}: {
  shop: string;
  orderName: string;
  email: string;
}) {
  const candidate = hashCustomerEmail({ shop, email, key: config().CUSTOMER_HASH_KEY });
  const orders = await prisma.order.findMany({
    where: { shop, name: normalizeOrderName(orderName) },
    select: {
      id: true,
      name: true,
      orderedAt: true,
      customerEmailHash: true,
      shipments: {
        orderBy: { trackingIndex: "asc" },
        select: {
          id: true,
          status: true,
          trackingNumber: true,
          trackingCompany: true,
          trackingUrl: true,
          windowStart: true,
          windowEnd: true,
          deliveredAt: true,
          events: {
            orderBy: { occurredAt: "desc" },
            take: RECENT_EVENTS,
            select: {
              status: true,
              rawText: true,
              occurredAt: true,
              city: true,
              region: true,
              country: true,
            },
          },
        },
      },
    },
  });
  let match: (typeof orders)[number] | null = null;
  for (const order of orders) {
    if (hashesMatch(order.customerEmailHash ?? "", candidate) && !match) match = order;
  }
  if (!match) return null;
  const { customerEmailHash: _hash, ...order } = match;
  return order;
}
