import { createServer, type Server } from "node:http";
import type { SmsStandin } from "../../sms-standin";
import type { SmtpInbox } from "./smtp-inbox";

// The demo's "shopper's phone and inbox": a page listing every email the local SMTP server accepted and every
// text the SMS stand-in received, newest first, each email viewable as the shopper would see it.

const escape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

export async function startDemoMailbox({
  port = 0,
  inbox,
  sms,
}: {
  port?: number;
  inbox: SmtpInbox;
  sms: SmsStandin;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://mailbox");
    const emails = inbox.messages();
    const email = /^\/emails\/(\d+)$/.exec(url.pathname);
    if (email) {
      const message = emails[Number(email[1])];
      if (!message) return void response.writeHead(404).end("No such email");
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return void response.end(message.html ?? `<pre>${escape(message.text ?? "")}</pre>`);
    }
    if (url.pathname !== "/") return void response.writeHead(404).end();
    const texts = sms.messages().filter((message) => message.direction === "outbound-api");
    const emailRows = emails
      .map((message, index) => ({ message, index }))
      .reverse()
      .map(
        ({ message, index }) =>
          `<tr><td>${escape(message.receivedAt.toISOString())}</td><td>${escape(message.to.join(", "))}</td><td><a href="/emails/${index}">${escape(message.subject)}</a></td></tr>`,
      )
      .join("");
    const textRows = [...texts]
      .reverse()
      .map(
        (message) =>
          `<tr><td>${escape(message.date_created)}</td><td>${escape(message.to)}</td><td>${escape(message.body)}</td></tr>`,
      )
      .join("");
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(`<!doctype html><meta charset="utf-8"><title>Demo mailbox</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%;margin-bottom:2rem}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}</style>
<h1>Emails (${emails.length})</h1><table><tr><th>Received</th><th>To</th><th>Subject</th></tr>${emailRows}</table>
<h1>Texts (${texts.length})</h1><table><tr><th>Sent</th><th>To</th><th>Message</th></tr>${textRows}</table>`);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${boundPort}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
