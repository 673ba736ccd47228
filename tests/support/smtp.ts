// A real SMTP server for tests (smtp-server), which can accept, refuse for now (451), refuse for good (550),
// or hang after the connection (never greeting). Received messages are parsed and kept by Message-ID.
import net from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpMode = "accept" | "refuse-temporarily" | "refuse-permanently";

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

export interface TestSmtpServer {
  port: number;
  mode: SmtpMode;
  received: ReceivedMail[];
  logins: string[];
  close(): Promise<void>;
}

export async function startSmtpServer(
  mode: SmtpMode = "accept",
  { user = "mailer", pass = "s3cret-mail" } = {},
): Promise<TestSmtpServer> {
  const state: TestSmtpServer = { port: 0, mode, received: [], logins: [], close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) {
        state.logins.push(auth.username ?? "");
        return callback(null, { user: auth.username });
      }
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, _session, callback) {
      const refusal = state.mode === "refuse-temporarily" ? 451 : state.mode === "refuse-permanently" ? 550 : 0;
      simpleParser(stream)
        .then((mail) => {
          if (refusal) {
            const error = new Error(refusal === 451 ? "Try again later" : "Mailbox unavailable") as Error & {
              responseCode: number;
            };
            error.responseCode = refusal;
            return callback(error);
          }
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
          state.received.push({
            messageId: mail.messageId ?? "",
            to,
            subject: mail.subject ?? "",
            text: mail.text ?? "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.server.address() as net.AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** A port where nothing listens: the mail server is down. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A server that takes the connection and never answers: a mail server that hangs. */
export async function hangingServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
