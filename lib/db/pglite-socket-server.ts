import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";

/**
 * Serves one PGlite to several local connections (the embedded database's other processes).
 *
 * PGlite is a single PostgreSQL session, so connections must take turns a whole request at a time.
 * @electric-sql/pglite-socket's own server takes turns per protocol *message* (keeping a connection
 * only while a transaction is open), so one connection's Parse/Bind/Execute can interleave with
 * another's and bind the wrong statement, and one failed message stalls its queue for good
 * (electric-sql/pglite#1046). This queue keeps a connection until its request is complete: a
 * Sync or simple Query that leaves no transaction open, or the connection closing.
 */
class RequestQueue {
  private owner: number | null = null;
  private waiting: Array<{
    handlerId: number;
    message: Uint8Array;
    onData: (data: Uint8Array) => void;
    resolve: (bytes: number) => void;
    reject: (error: unknown) => void;
  }> = [];
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ handlerId, message, onData, resolve, reject });
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index =
          this.owner === null ? 0 : this.waiting.findIndex((item) => item.handlerId === this.owner);
        const item = index === -1 ? undefined : this.waiting.splice(index, 1)[0];
        if (!item) return; // empty, or the owner's next message has not arrived yet
        this.owner = item.handlerId;
        try {
          let bytes = 0;
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          item.resolve(bytes);
        } catch (error) {
          item.reject(error); // the handler closes its connection, which releases it below
        }
        if (endsRequest(item.message) && !this.db.isInTransaction()) this.owner = null;
      }
    } finally {
      this.running = false;
    }
  }

  clearQueueForHandler(handlerId: number): void {
    this.waiting = this.waiting.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error("connection closed"));
      return false;
    });
  }

  /** A connection that closes mid-request or mid-transaction must not leave its state to the next one. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    void this.run();
  }
}

/** Startup (no type byte), simple Query, Sync and Terminate each end with ReadyForQuery or the connection. */
function endsRequest(message: Uint8Array): boolean {
  const type = message[0];
  return type === 0 || type === 0x51 /* Q */ || type === 0x53 /* S */ || type === 0x58; /* X */
}

export type PgliteSocketServer = { port: number; close(): Promise<void> };

/** Listens on 127.0.0.1 on a free port. */
export async function servePglite(db: PGlite): Promise<PgliteSocketServer> {
  // The handler is typed against pglite-socket's own queue class, whose methods this one provides.
  const queryQueue = new RequestQueue(db) as unknown as PGLiteSocketHandlerOptions["queryQueue"];
  const handlers = new Set<PGLiteSocketHandler>();
  const server = net.createServer((socket) => {
    const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
    handlers.add(handler);
    handler.addEventListener("close", () => handlers.delete(handler));
    handler.addEventListener("error", () => handlers.delete(handler));
    handler.attach(socket).catch(() => {
      handlers.delete(handler);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
