import { jsonReply, type HttpReply } from "../shopify-standin/http-reply";

// Twilio's error body: {"code": 21211, "message": "…", "more_info": "https://www.twilio.com/docs/errors/21211",
// "status": 400}.
export function twilioError(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
) {
  const reply: HttpReply = jsonReply(status, {
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  });
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

export const errors = {
  authenticate: () => twilioError(401, 20003, "Authenticate"),
  notFound: (path: string) => twilioError(404, 20404, `The requested resource ${path} was not found`),
  invalidParameter: (message: string) => twilioError(400, 21200, message),
  toRequired: () => twilioError(400, 21604, "A 'To' phone number is required."),
  invalidTo: (to: string) => twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`),
  fromRequired: () =>
    twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message."),
  invalidFrom: (from: string) =>
    twilioError(
      400,
      21212,
      `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`,
    ),
  bodyRequired: () => twilioError(400, 21602, "Message body is required."),
  bodyTooLong: () =>
    twilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit."),
  unsubscribed: () => twilioError(400, 21610, "Attempt to send to unsubscribed recipient"),
  injected: (status: 500 | 503 | 429, retryAfterSeconds: number) =>
    status === 429
      ? twilioError(429, 20429, "Too Many Requests", { "Retry-After": String(retryAfterSeconds) })
      : status === 503
        ? twilioError(503, 20503, "Service Unavailable")
        : twilioError(500, 20500, "Internal Server Error"),
};
