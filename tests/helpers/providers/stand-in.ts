/**
 * Local stand-ins for Twilio's Messages API and Meta's WhatsApp Cloud API, one HTTP server started by
 * the integration tests' global setup (the server and workers get its URL as TWILIO_API_BASE_URL and
 * WHATSAPP_API_BASE_URL). Each request is checked the way those APIs document it (path, auth,
 * encoding, fields); a request that breaks a rule is answered 400 and recorded with its problems.
 *
 * Tests (in other processes) drive it over HTTP, under /__control:
 * - POST /__control/accounts {provider: "twilio", accountSid, authToken} | {provider: "whatsapp", phoneNumberId, accessToken}
 * - POST /__control/script {to, responses: [{status, body?, delayMs?}]}: the next calls to that number
 *   get these answers in order, then the default success
 * - GET /__control/requests?to=+…: what was received for that number, oldest first
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedRequest = {
  provider: "twilio" | "whatsapp";
  at: string;
  path: string;
  headers: Record<string, string>;
  /** Twilio: the form fields; Meta: the JSON body */
  body: Record<string, unknown>;
  problems: string[];
  answered: number;
};
type ScriptedResponse = { status: number; body?: unknown; delayMs?: number };

export type StandIn = { url: string; close(): Promise<void> };

export async function startProviderStandIn(): Promise<StandIn> {
  const twilioAccounts = new Map<string, string>();
  const whatsappNumbers = new Map<string, string>();
  const scripts = new Map<string, ScriptedResponse[]>();
  const received: RecordedRequest[] = [];
  let counter = 0;

  const server = http.createServer(async (req, res) => {
    const raw = await new Promise<string>((resolve) => {
      let data = "";
      req.on("data", (chunk) => (data += chunk));
      req.on("end", () => resolve(data));
    });
    const url = new URL(req.url ?? "/", "http://stand-in");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };

    if (url.pathname.startsWith("/__control/")) {
      const body = raw ? JSON.parse(raw) : {};
      if (req.method === "POST" && url.pathname === "/__control/accounts") {
        if (body.provider === "twilio") twilioAccounts.set(body.accountSid, body.authToken);
        else whatsappNumbers.set(body.phoneNumberId, body.accessToken);
        return send(204, {});
      }
      if (req.method === "POST" && url.pathname === "/__control/script") {
        scripts.set(normalise(body.to), [...body.responses]);
        return send(204, {});
      }
      if (req.method === "GET" && url.pathname === "/__control/requests") {
        const to = normalise(url.searchParams.get("to") ?? "");
        return send(200, { data: received.filter((r) => normalise(String(r.body.To ?? r.body.to ?? "")) === to) });
      }
      return send(404, {});
    }

    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const twilioPath = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
    const metaPath = /^\/(v\d+\.\d+)\/(\d+)\/messages$/.exec(url.pathname);
    let record: RecordedRequest;
    if (req.method === "POST" && twilioPath) {
      const form = new URLSearchParams(raw);
      record = { provider: "twilio", at: new Date().toISOString(), path: url.pathname, headers, body: Object.fromEntries(form), problems: checkTwilio(twilioPath[1]!, headers, form, twilioAccounts), answered: 0 };
    } else if (req.method === "POST" && metaPath) {
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(raw);
      } catch {}
      record = { provider: "whatsapp", at: new Date().toISOString(), path: url.pathname, headers, body: json, problems: checkMeta(metaPath[2]!, headers, json, whatsappNumbers), answered: 0 };
    } else {
      return send(404, { message: "no such endpoint on the stand-in" });
    }
    received.push(record);

    if (record.problems.length > 0) {
      record.answered = 400;
      return send(400, record.provider === "twilio" ? { code: 21000, message: record.problems.join("; "), status: 400 } : { error: { message: record.problems.join("; "), type: "OAuthException", code: 100 } });
    }
    const to = normalise(String(record.body.To ?? record.body.to));
    const scripted = scripts.get(to)?.shift();
    if (scripted?.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));
    if (scripted && scripted.status !== 0) {
      record.answered = scripted.status;
      return send(scripted.status, scripted.body ?? {});
    }
    counter++;
    record.answered = record.provider === "twilio" ? 201 : 200;
    if (record.provider === "twilio") {
      const sid = `SM${counter.toString(16).padStart(32, "0")}`;
      return send(201, { sid, status: "queued", to: record.body.To, from: record.body.From ?? null, body: record.body.Body, account_sid: twilioPath![1] });
    }
    return send(200, { messaging_product: "whatsapp", contacts: [{ input: record.body.to, wa_id: record.body.to }], messages: [{ id: `wamid.${counter.toString(16).padStart(24, "0")}` }] });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function normalise(number: string): string {
  return number.replace(/^\+/, "");
}

/** Twilio Messages API: Basic auth AccountSid:AuthToken, form-encoded To, From xor MessagingServiceSid, Body. */
function checkTwilio(accountSid: string, headers: Record<string, string>, form: URLSearchParams, accounts: Map<string, string>): string[] {
  const problems: string[] = [];
  const expected = accounts.get(accountSid);
  const auth = headers.authorization ?? "";
  if (!expected || auth !== `Basic ${Buffer.from(`${accountSid}:${expected}`).toString("base64")}`) problems.push("Basic auth must be AccountSid:AuthToken");
  if (!(headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) problems.push("body must be application/x-www-form-urlencoded");
  if (!/^\+[1-9]\d{6,14}$/.test(form.get("To") ?? "")) problems.push("To must be E.164");
  if (Boolean(form.get("From")) === Boolean(form.get("MessagingServiceSid"))) problems.push("exactly one of From and MessagingServiceSid");
  if (!form.get("Body")) problems.push("Body is required");
  const callback = form.get("StatusCallback");
  if (callback && !/^https?:\/\//.test(callback)) problems.push("StatusCallback must be an absolute URL");
  for (const name of form.keys()) {
    if (!["To", "From", "MessagingServiceSid", "Body", "StatusCallback"].includes(name)) problems.push(`unexpected parameter ${name}`);
  }
  return problems;
}

/** WhatsApp Cloud API, authentication template: bearer token, JSON, the code in the body and the URL button. */
function checkMeta(phoneNumberId: string, headers: Record<string, string>, body: Record<string, any>, numbers: Map<string, string>): string[] {
  const problems: string[] = [];
  const token = numbers.get(phoneNumberId);
  if (!token || headers.authorization !== `Bearer ${token}`) problems.push("Authorization must be Bearer <access token> of this phone number id");
  if (!(headers["content-type"] ?? "").startsWith("application/json")) problems.push("body must be application/json");
  if (body.messaging_product !== "whatsapp") problems.push('messaging_product must be "whatsapp"');
  if (!/^\+?[1-9]\d{6,14}$/.test(String(body.to ?? ""))) problems.push("to must be a phone number");
  if (body.type !== "template") problems.push('type must be "template"');
  const template = body.template ?? {};
  if (!template.name) problems.push("template.name is required");
  if (!template.language?.code) problems.push("template.language.code is required");
  const components: any[] = template.components ?? [];
  const bodyParam = components.find((c) => c.type === "body")?.parameters?.[0];
  const button = components.find((c) => c.type === "button");
  if (!bodyParam || bodyParam.type !== "text" || !bodyParam.text) problems.push("the body component needs one text parameter (the code)");
  if (!button || button.sub_type !== "url" || String(button.index) !== "0" || button.parameters?.[0]?.type !== "text") {
    problems.push('the button component must be sub_type "url", index "0", with one text parameter');
  } else if (button.parameters[0].text !== bodyParam?.text) problems.push("the button parameter must be the code too");
  return problems;
}
