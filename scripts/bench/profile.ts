/**
 * Where the app's time goes, for the benchmark's findings:
 *
 * - countingProxy(): a TCP proxy in front of PostgreSQL or Redis that reads what the client sends
 *   (PostgreSQL frontend messages, or RESP command arrays) and counts statements, round trips and
 *   commands, by statement. A second app server behind it answers sequential requests, so the
 *   counts are per request and the measured server is never slowed by the proxy.
 * - sampleWaits(): samples pg_stat_activity of the benchmark's database during a load run and
 *   counts what the busy backends were doing: waiting for a lock or I/O, running, or idle inside a
 *   transaction while the app works, and on which statement.
 */
import net from "node:net";
import pg from "pg";

export type Counts = { commands: number; roundTrips: number; byStatement: Map<string, number> };

type Parser = (chunk: Buffer, counts: Counts) => void;

export type CountingProxy = { url: string; take: () => Counts; close: () => Promise<void> };

/** Proxies 127.0.0.1:<free port> to `target` (a postgresql:// or redis:// URL), counting what clients send. */
export async function countingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const makeParser = upstream.protocol.startsWith("redis") ? redisParser : postgresParser;
  let counts: Counts = { commands: 0, roundTrips: 0, byStatement: new Map() };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const server = net.connect(Number(upstream.port), upstream.hostname);
    const parse = makeParser();
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        server.destroy();
      });
    }
    client.on("data", (chunk: Buffer) => {
      parse(chunk, counts);
      server.write(chunk);
    });
    server.pipe(client);
    client.on("end", () => server.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(target);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as net.AddressInfo).port);
  return {
    url: proxied.toString(),
    take: () => {
      const taken = counts;
      counts = { commands: 0, roundTrips: 0, byStatement: new Map() };
      return taken;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const count = (counts: Counts, label: string) =>
  counts.byStatement.set(label, (counts.byStatement.get(label) ?? 0) + 1);

/**
 * PostgreSQL frontend messages: the startup packet (no type byte, possibly after an SSLRequest),
 * then type + length + payload. A statement is a simple Query (Q) or an Execute (E), labelled by
 * the statement its Bind (B) names: the last Parse (P) for an unnamed one, the Parse that named it
 * for a prepared one (parsed once per connection, then only bound); a round trip is a Q or a Sync (S).
 */
function postgresParser(): Parser {
  let buffer = Buffer.alloc(0);
  let started = false;
  let lastParsed = "?";
  let bound = "?";
  const prepared = new Map<string, string>();
  const cstring = (payload: Buffer, from: number) => {
    const end = payload.indexOf(0, from);
    return { text: payload.subarray(from, end).toString("utf8"), next: end + 1 };
  };
  return (chunk, counts) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        started = code !== 80877103 && code !== 80877104; // SSLRequest, GSSENCRequest come first
        buffer = buffer.subarray(length);
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      const type = String.fromCharCode(buffer[0]!);
      const payload = buffer.subarray(5, 1 + length);
      buffer = buffer.subarray(1 + length);
      if (type === "P") {
        const name = cstring(payload, 0);
        lastParsed = statementLabel(cstring(payload, name.next).text);
        if (name.text) prepared.set(name.text, lastParsed);
      } else if (type === "B") {
        const statement = cstring(payload, cstring(payload, 0).next).text; // after the portal's name
        bound = statement ? (prepared.get(statement) ?? statement) : lastParsed;
      } else if (type === "E") {
        counts.commands += 1;
        count(counts, bound);
      } else if (type === "Q") {
        counts.commands += 1;
        counts.roundTrips += 1;
        count(counts, statementLabel(payload.subarray(0, payload.indexOf(0)).toString("utf8")));
      } else if (type === "S") {
        counts.roundTrips += 1;
      }
    }
  };
}

/** RESP commands as clients send them: arrays of bulk strings; labelled by command name. Pipelined commands share a round trip per chunk. */
function redisParser(): Parser {
  let buffer = Buffer.alloc(0);
  return (chunk, counts) => {
    buffer = Buffer.concat([buffer, chunk]);
    counts.roundTrips += 1;
    for (;;) {
      const parsed = readRespArray(buffer);
      if (!parsed) return;
      buffer = buffer.subarray(parsed.used);
      counts.commands += 1;
      count(counts, (parsed.items[0] ?? "?").toUpperCase());
    }
  };
}

function readRespArray(buffer: Buffer): { items: string[]; used: number } | null {
  let at = 0;
  const line = () => {
    const end = buffer.indexOf("\r\n", at);
    if (end < 0) return null;
    const text = buffer.subarray(at, end).toString("latin1");
    at = end + 2;
    return text;
  };
  const header = line();
  if (header === null || !header.startsWith("*")) return null;
  const items: string[] = [];
  for (let i = 0; i < Number(header.slice(1)); i++) {
    const size = line();
    if (size === null) return null;
    const length = Number(size.slice(1));
    if (buffer.length < at + length + 2) return null;
    items.push(i === 0 ? buffer.subarray(at, at + length).toString("latin1") : "");
    at += length + 2;
  }
  return { items, used: at };
}

/** "INSERT Event", "SELECT App", "BEGIN", "SELECT pg_advisory_xact_lock" … from a statement's text. */
export function statementLabel(sql: string): string {
  const text = sql.replace(/\s+/g, " ").trim();
  const verb = (text.match(/^\w+/)?.[0] ?? "?").toUpperCase();
  const target =
    verb === "INSERT"
      ? text.match(/INTO\s+(?:"public"\.)?"?(\w+)"?/i)
      : verb === "UPDATE"
        ? text.match(/^UPDATE\s+(?:"public"\.)?"?(\w+)"?/i)
        : verb === "DELETE"
          ? text.match(/FROM\s+(?:"public"\.)?"?(\w+)"?/i)
          : verb === "SELECT"
            ? (text.match(/\sFROM\s+(?:"public"\.)?"(\w+)"/i) ?? text.match(/^SELECT\s+(\w+)\(/i))
            : null;
  const lock = verb === "SELECT" && /FOR UPDATE/i.test(text) ? " FOR UPDATE" : "";
  return target ? `${verb} ${target[1]}${lock}` : verb;
}

/** `busy`: backends seen active or idle in a transaction, summed over samples. */
export type WaitSummary = { samples: number; busy: number; byWait: Map<string, number> };

/** Samples the busy backends of `databaseUrl`'s database every `everyMs` until stop() is called. */
/** The application_name of the bench's own watching connections, which databaseCpuSeconds leaves out. */
export const BENCH_OBSERVER = "otpilot-bench-observer";

export function sampleWaits(databaseUrl: string, everyMs = 100): { stop: () => Promise<WaitSummary> } {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: BENCH_OBSERVER });
  const summary: WaitSummary = { samples: 0, busy: 0, byWait: new Map() };
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      // "idle in transaction": the backend holds its transaction (and its locks) while the app works.
      const { rows } = await client.query<{ state: string; wait: string | null; query: string }>(
        `SELECT state, wait_event_type || ':' || wait_event AS wait, query FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')`,
      );
      summary.samples += 1;
      for (const row of rows) {
        summary.busy += 1;
        const what = row.state === "active" ? (row.wait ?? "running on CPU") : "idle in transaction, after";
        const label = `${what} (${statementLabel(row.query)})`;
        summary.byWait.set(label, (summary.byWait.get(label) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    await client.end();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return summary;
    },
  };
}
