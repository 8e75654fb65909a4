// What a shopper's reply to a shipping text means. The keywords are Twilio Advanced Opt-Out's defaults, and
// like Twilio a keyword counts only as the whole message (trimmed, any case): "stop" opts out, "stop by
// tomorrow?" does not.
const OPT_OUT = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"];
const OPT_IN = ["START", "UNSTOP", "YES"];
const HELP = ["HELP", "INFO"];

export type SmsKeyword = "opt_out" | "opt_in" | "help";

export function smsKeywordOf(body: string): SmsKeyword | null {
  const word = body.trim().toUpperCase();
  if (OPT_OUT.includes(word)) return "opt_out";
  if (OPT_IN.includes(word)) return "opt_in";
  if (HELP.includes(word)) return "help";
  return null;
}

export function keywordReply(keyword: SmsKeyword, shopName: string): string {
  switch (keyword) {
    case "opt_out":
      return `You're unsubscribed from ${shopName} shipping texts and won't get any more.`;
    case "opt_in":
      // START lifts the block only: texts resume for orders where the shopper turns them on again.
      return `${shopName} can text you again: turn on shipping texts for an order on its order status page.`;
    case "help":
      return `${shopName} shipping updates: texts about your orders' deliveries. Msg & data rates may apply. Reply STOP to unsubscribe.`;
  }
}

// TwiML: with a message Twilio texts it back to the sender; an empty <Response/> sends nothing.
export function twimlResponse(message: string | null): string {
  const body =
    message === null ? "<Response/>" : `<Response><Message>${escapeXml(message)}</Message></Response>`;
  return `<?xml version="1.0" encoding="UTF-8"?>${body}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
