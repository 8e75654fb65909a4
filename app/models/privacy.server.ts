import type { Prisma } from "@prisma/client";
import { config } from "../config.server";
import { normalizePhoneE164 } from "../lib/phone";
import { hashCustomerEmail, hashCustomerContact, normalizePhone } from "../services/customer-identity.server";

type Transaction = Prisma.TransactionClient;

export type CustomerReference = {
  email?: string | null;
  phone?: string | null;
  orderIds: string[]; // admin_graphql_api_id values
};

function customerOrderFilter(shop: string, customer: CustomerReference): Prisma.OrderWhereInput {
  const key = config().CUSTOMER_HASH_KEY;
  const matches: Prisma.OrderWhereInput[] = [];
  if (customer.orderIds.length) matches.push({ shopifyId: { in: customer.orderIds } });
  if (customer.email)
    matches.push({ customerEmailHash: hashCustomerEmail({ shop, email: customer.email, key }) });
  if (customer.phone) {
    matches.push({
      customerPhoneHash: hashCustomerContact({ shop, value: normalizePhone(customer.phone), key }),
    });
  }
  return { shop, OR: matches.length ? matches : [{ id: "__none__" }] };
}

// customers/redact: nothing left can tie an order or a help request to the person. Shipments stay, with
// no personal data, so carrier performance figures remain true.
export async function redactCustomer(
  tx: Transaction,
  { shop, customer }: { shop: string; customer: CustomerReference },
) {
  const orders = await tx.order.findMany({
    where: customerOrderFilter(shop, customer),
    select: { id: true },
  });
  const orderIds = orders.map((order) => order.id);
  const emailHash = customer.email
    ? hashCustomerEmail({ shop, email: customer.email, key: config().CUSTOMER_HASH_KEY })
    : undefined;
  await tx.order.updateMany({
    where: { shop, id: { in: orderIds } },
    data: { customerEmailHash: null, customerPhoneHash: null, customerIdHash: null, customerLocale: null },
  });
  await tx.supportRequest.updateMany({
    where: {
      shop,
      OR: [{ orderId: { in: orderIds } }, ...(emailHash ? [{ contactEmailHash: emailHash }] : [])],
    },
    // Staff notes may quote the shopper (an address, a phone number): they go too.
    data: { contactEmail: null, contactEmailHash: null, message: "[redacted]", internalNotes: "" },
  });
  await tx.shipment.updateMany({ where: { shop, orderId: { in: orderIds } }, data: { internalNotes: "" } });
  await tx.notification.deleteMany({ where: { shop, orderId: { in: orderIds } } });
  // Notification choices hold the shopper's phone number and consent: removed entirely, including any other
  // order's that carries the same number.
  const phone = customer.phone ? normalizePhoneE164(customer.phone) : null;
  await tx.notificationPreference.deleteMany({
    where: { shop, OR: [{ orderId: { in: orderIds } }, ...(phone ? [{ phone }] : [])] },
  });
  return { orders: orderIds.length };
}

// customers/data_request: everything Parcelwise holds about the customer, for the merchant to hand over.
export async function exportCustomerData(
  tx: Transaction,
  { shop, customer }: { shop: string; customer: CustomerReference },
) {
  const orders = await tx.order.findMany({
    where: customerOrderFilter(shop, customer),
    select: {
      name: true,
      shopifyId: true,
      orderedAt: true,
      destinationCountry: true,
      destinationProvince: true,
      destinationPostalPrefix: true,
      customerLocale: true,
      shipments: {
        select: {
          trackingNumber: true,
          trackingCompany: true,
          status: true,
          shippedAt: true,
          deliveredAt: true,
          internalNotes: true,
        },
      },
      supportRequests: {
        select: {
          reason: true,
          message: true,
          contactEmail: true,
          status: true,
          internalNotes: true,
          createdAt: true,
        },
      },
      notifications: { select: { channel: true, milestone: true, status: true, sentAt: true } },
      notificationPreferences: {
        select: {
          emailOptIn: true,
          smsOptIn: true,
          phone: true,
          consentText: true,
          consentAt: true,
          source: true,
          locale: true,
        },
      },
    },
  });
  return { shop, generatedAt: new Date().toISOString(), orders };
}

// shop/redact (48 h after uninstall): every row of the shop goes; foreign keys cascade from Shop.
export async function redactShop(tx: Transaction, { shop }: { shop: string }) {
  await tx.shop.deleteMany({ where: { domain: shop } });
  await tx.session.deleteMany({ where: { shop } });
  await tx.webhookDelivery.deleteMany({ where: { shop } });
}
