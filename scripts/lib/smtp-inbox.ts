import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server on 127.0.0.1 for tests, the benchmark and the demo's mailbox: it speaks the protocol
// (EHLO, optional AUTH, MAIL, RCPT, DATA) and parses what it accepts with mailparser. It can refuse the next
// messages the way providers do (451 try later, 550 no such mailbox) and hold its replies to DATA, so a test
// can stop a sender after the message left it but before it heard "250 OK".

export type ReceivedMail = {
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  // Raw header values by lower-case name (mailparser turns some, like List-Unsubscribe, into objects).
  header: (name: string) => string | null;
  receivedAt: Date;
};

export type SmtpInbox = {
  port: number;
  url: string;
  messages: () => ReceivedMail[];
  // Messages accepted (250 sent), counted once each; parsing happens after.
  acceptedCount: () => number;
  // The Message-ID of every accepted message, in order (read from the raw header even when not parsing).
  acceptedMessageIds: () => string[];
  failNext: (count: number, code: 451 | 550) => void;
  holdReplies: () => void;
  releaseReplies: () => void;
  // The senders of held messages went away before hearing "250 OK": a careful server drops those messages
  // rather than deliver what the sender will send again (RFC 1047).
  dropHeldReplies: () => number;
  waitFor: (count: number, timeoutMs?: number) => Promise<ReceivedMail[]>;
  close: () => Promise<void>;
};

export async function startSmtpInbox({
  port = 0,
  username,
  password,
  parse = true,
}: { port?: number; username?: string; password?: string; parse?: boolean } = {}): Promise<SmtpInbox> {
  const received: ReceivedMail[] = [];
  let accepted = 0;
  const acceptedIds: string[] = [];
  let failures: { count: number; code: number } = { count: 0, code: 451 };
  let holding = false;
  const held: Array<() => void> = [];

  const server = new SMTPServer({
    secure: false,
    disabledCommands: username ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !username,
    allowInsecureAuth: true,
    logger: false,
    // Closing waits this long for clients still connected (a sender's idle pool) before cutting them off.
    closeTimeout: 200,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (auth.username === username && auth.password === password) return callback(null, { user: username });
      return callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        // The envelope is reset for the next transaction once this one is answered.
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        if (failures.count > 0) {
          failures = { ...failures, count: failures.count - 1 };
          const message = failures.code === 550 ? "Mailbox unavailable" : "Try again later";
          return callback(Object.assign(new Error(message), { responseCode: failures.code }));
        }
        const finish = () => {
          accepted += 1;
          const raw = Buffer.concat(chunks);
          const headerEnd = raw.indexOf("\r\n\r\n");
          const header = raw.subarray(0, headerEnd < 0 ? raw.length : headerEnd).toString("utf8");
          acceptedIds.push(/^message-id:\s*(\S+)/im.exec(header)?.[1] ?? "");
          callback();
          if (!parse) return;
          void simpleParser(raw).then((mail: ParsedMail) => {
            received.push({
              messageId: mail.messageId ?? null,
              from: mail.from?.text ?? "",
              to: recipients,
              subject: mail.subject ?? "",
              html: typeof mail.html === "string" ? mail.html : null,
              text: mail.text ?? null,
              header: (name: string) => {
                const line = mail.headerLines.find((entry) => entry.key === name.toLowerCase())?.line;
                return line
                  ? line
                      .slice(line.indexOf(":") + 1)
                      .replace(/\r?\n\s+/g, " ")
                      .trim()
                  : null;
              },
              receivedAt: new Date(),
            });
          });
        };
        if (holding) held.push(finish);
        else finish();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;

  const inbox: SmtpInbox = {
    port: boundPort,
    url: `smtp://127.0.0.1:${boundPort}`,
    messages: () => [...received],
    acceptedCount: () => accepted,
    acceptedMessageIds: () => [...acceptedIds],
    failNext: (count, code) => {
      failures = { count, code };
    },
    holdReplies: () => {
      holding = true;
    },
    releaseReplies: () => {
      holding = false;
      for (const finish of held.splice(0)) finish();
    },
    dropHeldReplies: () => {
      holding = false;
      return held.splice(0).length;
    },
    waitFor: async (count, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`waited for ${count} emails, got ${received.length} (accepted ${accepted})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return [...received];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return inbox;
}
