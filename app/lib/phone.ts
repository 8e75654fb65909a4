// A phone number for shipping texts, in E.164 (+ country code, up to 15 digits). Shared by the app and the
// shopper extensions (it imports nothing), so the extension's inline error and the server's 400 agree.
// Without a country code there is no way to tell which country a number belongs to, so it is refused with a
// hint rather than guessed.
export function normalizePhoneE164(input: string): string | null {
  const compact = input.trim().replace(/[\s().\-\u00a0]/g, "");
  const international = compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
  return /^\+[1-9]\d{7,14}$/.test(international) ? international : null;
}

// What a response may show of a stored number: enough for the shopper to recognise it.
export function maskPhone(phone: string): string {
  return `•••• ${phone.slice(-4)}`;
}
