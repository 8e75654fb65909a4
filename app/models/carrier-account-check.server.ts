import { trackWithCarrier } from "../services/carriers";
import {
  isCarrierCode,
  type CarrierCode,
  type CarrierCredentials,
} from "../services/carriers/carrier-adapter";
import { CarrierAuthError, isCarrierError } from "../services/carriers/common/carrier-errors";
import {
  carrierBaseUrl,
  CarrierCredentialsError,
  saveCarrierAccount,
  validateCredentials,
} from "./carrier-accounts.server";
import { carrierLabel } from "../lib/performance-labels";

// Credentials are checked with the carrier before they are stored: one tracking request for a well-formed
// number. An answer of any kind but "not authorised" (found, not found) means the carrier accepted them.
const PROBE_NUMBERS: Record<CarrierCode, string> = {
  ups: "1Z023E2X0214323462",
  fedex: "123456789012",
  usps: "9400109104250532908587",
  dhl: "7777777770",
  dhl_express: "3180831640",
  canada_post: "7023210039414604",
};

// The merchant is waiting on the Save button: one quick attempt, no retries.
const CHECK_HTTP_POLICY = { timeoutMs: 8_000, retries: 0 };

export async function checkCarrierCredentials({
  carrier,
  credentials,
  baseUrl = carrierBaseUrl(carrier),
}: {
  carrier: CarrierCode;
  credentials: CarrierCredentials;
  baseUrl?: string;
}): Promise<void> {
  const name = carrierLabel(carrier);
  try {
    await trackWithCarrier(carrier, PROBE_NUMBERS[carrier], {
      credentials,
      baseUrl,
      http: CHECK_HTTP_POLICY,
    });
  } catch (error) {
    if (error instanceof CarrierAuthError) {
      throw new CarrierCredentialsError(`${name} did not accept these credentials: ${error.message}`);
    }
    if (isCarrierError(error) && (error.kind === "not_found" || error.kind === "malformed_response")) return;
    if (isCarrierError(error)) {
      throw new CarrierCredentialsError(
        `${name} could not be reached to check these credentials, so nothing was saved. Try again in a minute.`,
      );
    }
    throw error;
  }
}

const FORM_FIELDS = ["clientId", "clientSecret", "userId", "password", "apiKey", "accountNumber"] as const;

export type ConnectOutcome = { ok: true } | { ok: false; message: string };

// Settings → Carrier accounts: the posted fields, checked for shape, then with the carrier, then sealed.
export async function connectCarrierAccount({
  shop,
  form,
  now = new Date(),
  baseUrlFor = carrierBaseUrl,
}: {
  shop: string;
  form: FormData;
  now?: Date;
  baseUrlFor?: (carrier: CarrierCode) => string;
}): Promise<ConnectOutcome> {
  const carrier = String(form.get("carrier") ?? "");
  if (!isCarrierCode(carrier)) return { ok: false, message: "Pick a carrier" };
  const entered = Object.fromEntries(
    FORM_FIELDS.map((name) => [name, String(form.get(name) ?? "").trim()]).filter(
      ([, value]) => value !== "",
    ),
  );
  try {
    const credentials = validateCredentials(carrier, entered);
    await checkCarrierCredentials({ carrier, credentials, baseUrl: baseUrlFor(carrier) });
    await saveCarrierAccount({ shop, carrier, credentials, verifiedAt: now });
    return { ok: true };
  } catch (error) {
    if (error instanceof CarrierCredentialsError) return { ok: false, message: error.message };
    throw error;
  }
}
