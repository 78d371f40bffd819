import nodemailer from "nodemailer";
import { logger } from "@/lib/log";
import { authEnv } from "./auth-env";

export type Mail = { to: string; subject: string; text: string; /** the link the mail carries, printed when there is no transport */ link: string };

let transport: nodemailer.Transporter | undefined;

/**
 * Sends a console email (password reset, invitation). With `SMTP_URL` through nodemailer; without
 * a mail transport the link is printed in the server log, so a self-hoster can still pass it on.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const config = authEnv();
  if (!config.smtpUrl) {
    // The link is a one-time credential: printed only for the operator's terminal when there is no mail.
    logger.info({ to: mail.to, subject: mail.subject }, "no SMTP_URL: printing the email's link instead of sending it");
    console.log(`\n  ✉  ${mail.subject} — for ${mail.to}\n     ${mail.link}\n`);
    return;
  }
  transport ??= nodemailer.createTransport(config.smtpUrl);
  await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
}
