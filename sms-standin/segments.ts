// How many SMS a body takes, as carriers bill it and Twilio reports it (num_segments). A body that fits GSM-7
// (the default alphabet plus its escape table) gets 160 characters, or 153 per part once it is split; anything
// else goes as UCS-2: 70, or 67 per part. A part never ends halfway through an escape sequence or a surrogate
// pair.
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "\f^{}\\[~]|€";

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = "GSM-7" | "UCS-2";

export function smsEncodingOf(body: string): SmsEncoding {
  for (const char of body) if (!basic.has(char) && !extension.has(char)) return "UCS-2";
  return "GSM-7";
}

export function segmentCount(body: string): number {
  const encoding = smsEncodingOf(body);
  const widths =
    encoding === "GSM-7"
      ? [...body].map((char) => (extension.has(char) ? 2 : 1))
      : [...body].map((char) => char.length);
  const [single, perPart] = encoding === "GSM-7" ? [160, 153] : [70, 67];
  const total = widths.reduce((sum, width) => sum + width, 0);
  if (total <= single) return 1;
  let parts = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > perPart) {
      parts += 1;
      used = 0;
    }
    used += width;
  }
  return parts;
}
