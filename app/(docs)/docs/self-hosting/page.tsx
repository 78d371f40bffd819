import type { Metadata } from "next";
import Link from "next/link";
import { CodeBlock } from "@/components/ui/code-block";

export const metadata: Metadata = {
  title: "Self-hosting",
  description:
    "Run OTPilot in production: one machine, PostgreSQL and Redis, Vercel with managed services, several instances, backups, key rotation, upgrades and monitoring.",
};

const sections = [
  { href: "#build", label: "Build and start" },
  { href: "#single-machine", label: "One machine, embedded database" },
  { href: "#postgres-redis", label: "PostgreSQL and Redis" },
  { href: "#vercel", label: "Vercel, Upstash, Neon or Supabase" },
  { href: "#scale-out", label: "Several instances" },
  { href: "#backups", label: "Backups" },
  { href: "#key-rotation", label: "Key rotation" },
  { href: "#upgrades", label: "Upgrades" },
  { href: "#monitoring", label: "Health and metrics" },
  { href: "#tested", label: "What was tested where" },
];

const buildSample = `npm ci                    # the lock file holds every platform's packages
npm run build             # next build + dist/ (CLI, worker) + .next/standalone
npm start                 # the standalone server on $PORT (default 3000)

# On the production machine you may install without devDependencies instead:
npm ci --omit=dev         # needs the build output: .next/standalone and dist/
npm start
npm run cli -- tenant:create --name "Acme"
npm run worker`;

const standaloneSample = `# .next/standalone is self-contained (its own node_modules): copy it anywhere with Node 20.19+.
# server.js changes into its own folder: give the embedded database an absolute OTPILOT_DATA_DIR
# (npm start does this for you), or the next build replaces it.
cd .next/standalone
PORT=3000 HOSTNAME=0.0.0.0 node server.js    # the web server
node dist/worker.mjs                          # a delivery worker
node dist/cli.mjs tenant:create --name "Acme" # the CLI`;

const embeddedSample = `# OTPILOT_DEMO_TENANT=0: no demo tenant (on by default without DATABASE_URL)
OTPILOT_BASE_URL=https://verify.example.com OTPILOT_DEMO_TENANT=0 npm start
# Data and generated secrets: ./.data (OTPILOT_DATA_DIR). The CLI reaches the same database
# through the running server's socket:
npm run cli -- tenant:create --name "Acme"`;

const composeSample = `docker build -t otpilot:local .
docker run --rm otpilot:local node dist/cli.mjs secrets:generate > otpilot.env
cat >> otpilot.env <<'EOF'
POSTGRES_PASSWORD=change-me-letters-and-digits
OTPILOT_BASE_URL=https://verify.example.com
OTPILOT_TRUST_PROXY=1
OTPILOT_METRICS_TOKEN=a-long-random-string
EOF
docker compose --env-file otpilot.env up -d
docker compose exec web node dist/cli.mjs tenant:create --name "Acme"
docker compose up -d --scale worker=3   # more delivery workers`;

const envSample = `NODE_ENV=production
OTPILOT_BASE_URL=https://verify.example.com
DATABASE_URL=postgresql://otpilot:…@db.internal:5432/otpilot
REDIS_URL=redis://redis.internal:6379          # or UPSTASH_REDIS_REST_URL + _TOKEN
# npm run cli -- secrets:generate prints these four; every instance gets the same values:
OTPILOT_CODE_PEPPER=…
OTPILOT_ENCRYPTION_KEYS=k20261130:…
OTPILOT_SIGNING_KEY="-----BEGIN PRIVATE KEY-----\\n…\\n-----END PRIVATE KEY-----"
NEXTAUTH_SECRET=…`;

const prometheusSample = `scrape_configs:
  - job_name: otpilot
    metrics_path: /api/metrics
    authorization:
      credentials: <OTPILOT_METRICS_TOKEN>
    static_configs:
      - targets: ["web-1:3000", "web-2:3000"]
  - job_name: otpilot-worker            # workers started with OTPILOT_METRICS_PORT=9464
    metrics_path: /metrics
    authorization:
      credentials: <OTPILOT_METRICS_TOKEN>
    static_configs:
      - targets: ["worker-1:9464"]`;

const metrics = [
  { name: "otpilot_http_requests_total", labels: "route, method, status", what: "API requests; route is the template (/api/v1/otp/{id}), never an id." },
  { name: "otpilot_http_request_duration_seconds", labels: "route, method", what: "API latency histogram, from the key check to the response." },
  { name: "otpilot_otp_sends_total", labels: "kind (send, resend), outcome", what: "accepted, or the problem code of the refusal (rate_limited, invalid_phone_number, …)." },
  { name: "otpilot_otp_verifies_total", labels: "outcome", what: "approved, or the problem code (invalid_code, expired, failed, too_many_attempts, …)." },
  { name: "otpilot_delivery_outcomes_total", labels: "provider, channel, outcome", what: "Provider calls: the status reported (sent, delivered), temporary_error, permanent_error or outcome_unknown." },
  { name: "otpilot_job_failures_total", labels: "queue", what: "Background jobs that threw; each is retried." },
  { name: "otpilot_queue_jobs", labels: "queue, state", what: "Jobs waiting (created, retry) or running (active), read from the database at scrape time." },
  { name: "otpilot_rate_limit_store_errors_total", labels: "", what: "Limit checks the store did not answer; those requests failed closed with 503." },
  { name: "process_*, nodejs_*", labels: "", what: "Node's default metrics: CPU, memory, event-loop lag, handles." },
];

const tested = [
  { what: "npm ci --omit=dev from a build: npm start, npm run cli, npm run worker", where: "CI (.ci/run), on PostgreSQL + Redis: send, outbox, verify, metrics, refusal without secrets" },
  { what: ".next/standalone alone: node server.js, node dist/cli.mjs, node dist/worker.mjs", where: "CI, the same smoke test: exactly what the container image runs" },
  { what: "Dockerfile", where: "Not built here (no Docker on our CI machines). Linted with dockerfile-utils; hadolint is not packaged for Debian or npm" },
  { what: "compose.yaml", where: "Not run here; its YAML was parsed and its commands are the ones CI runs" },
  { what: "Vercel, Neon, Supabase, Upstash's service", where: "Not tested. Upstash's REST protocol is tested through a local bridge onto Redis" },
];

export default function SelfHostingPage() {
  return (
    <article className="docs-prose max-w-3xl">
      <p className="text-sm font-semibold text-brand-700">Operate</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-950 sm:text-4xl">Self-hosting</h1>
      <p className="mt-4 text-lg leading-8 text-slate-600">
        OTPilot is one Node.js server. It keeps its state in PostgreSQL (or an embedded database) and its rate-limit
        counters in Redis (or in memory), so you can start on one machine and grow to several instances behind a load
        balancer without changing the code.
      </p>

      <nav aria-label="On this page" className="mt-8 rounded-xl border border-slate-200 bg-slate-50 p-4">
        <p className="text-sm font-semibold text-slate-900">On this page</p>
        <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
          {sections.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="text-brand-700 hover:underline">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <h2 id="build">Build and start</h2>
      <p>
        <code>npm run build</code> makes a standalone server in <code>.next/standalone</code> (with the Node packages it
        needs) and compiles the CLI and the worker into <code>dist/</code>, so the production machine needs no
        TypeScript tooling. Node 20.19 or newer.
      </p>
      <CodeBlock title="Terminal" language="bash" code={buildSample} />
      <p>
        The standalone folder alone is enough to run everything; the container image is that folder and nothing else.
      </p>
      <CodeBlock title="Standalone" language="bash" code={standaloneSample} />
      <p>
        With <code>NODE_ENV=production</code> and <code>DATABASE_URL</code> set, the server refuses to start until{" "}
        <code>OTPILOT_CODE_PEPPER</code>, <code>OTPILOT_ENCRYPTION_KEYS</code>, <code>OTPILOT_SIGNING_KEY</code> and{" "}
        <code>NEXTAUTH_SECRET</code> are given, and names the missing ones. Set <code>OTPILOT_BASE_URL</code> to the
        public https URL: tokens, links and provider receipts use it. Every variable is described in{" "}
        <code>.env.example</code>.
      </p>

      <h2 id="single-machine">One machine, embedded database</h2>
      <p>
        With no <code>DATABASE_URL</code>, OTPilot runs PostgreSQL compiled to WebAssembly (PGlite) inside the server
        process, in <code>.data/</code>, limits rates in memory and generates its secrets into{" "}
        <code>.data/secrets.json</code>. Nothing else to install.
      </p>
      <CodeBlock title="Terminal" language="bash" code={embeddedSample} />
      <ul>
        <li>
          Exactly one server process: the embedded database serves one query at a time and one process owns the
          folder (a lock file refuses a second). The CLI and <code>npm run worker</code> connect through the server.
        </li>
        <li>Good for a pilot, an internal tool or a few verifications a second; move to PostgreSQL beyond that.</li>
        <li>
          Behind a reverse proxy (nginx, Caddy) set <code>OTPILOT_TRUST_PROXY=1</code> so rate limits see the
          client&apos;s address instead of the proxy&apos;s.
        </li>
      </ul>

      <h2 id="postgres-redis">PostgreSQL and Redis</h2>
      <p>
        Give the server a PostgreSQL database (CI tests 15) and a Redis for the rate limits. The server creates its
        tables itself at start (see <a href="#upgrades">Upgrades</a>). The repository&apos;s <code>compose.yaml</code>{" "}
        runs PostgreSQL, Redis, the web server with <code>OTPILOT_WORKER=0</code> and a separate worker, with the
        secrets in an env file:
      </p>
      <CodeBlock title="Docker Compose" language="bash" code={composeSample} />
      <p>
        Without containers, set the same variables for <code>npm start</code> and <code>npm run worker</code> (for
        example in systemd units):
      </p>
      <CodeBlock title="Environment" language="bash" code={envSample} />

      <h2 id="vercel">Vercel, Upstash, Neon or Supabase</h2>
      <p>OTPilot deploys to Vercel as a Next.js app; the database and the limiter must then be managed services.</p>
      <ul>
        <li>
          <strong>Database</strong>: Neon or Supabase PostgreSQL in <code>DATABASE_URL</code>. Use the direct
          connection string (Neon: the host without <code>-pooler</code>; Supabase: the session pooler or the direct
          host, port 5432): migrations hold a session lock, which a transaction-mode pooler does not keep. Every
          function instance opens its own pool, so keep <code>DATABASE_POOL_SIZE</code> small (2–5).
        </li>
        <li>
          <strong>Rate limits</strong>: Upstash Redis, <code>UPSTASH_REDIS_REST_URL</code> and{" "}
          <code>UPSTASH_REDIS_REST_TOKEN</code> (REST, no connection to keep open).
        </li>
        <li>
          <strong>Worker</strong>: functions do not run in the background, so set <code>OTPILOT_WORKER=0</code> on
          Vercel and run <code>npm run worker</code> (or the container with <code>node dist/worker.mjs</code>) on any
          small always-on machine with the same environment. Live deliveries, retries, fallback and webhooks need
          it; test keys deliver to the outbox without it.
        </li>
        <li>
          <strong>Secrets and URL</strong>: the four secrets and <code>OTPILOT_BASE_URL</code> in the project&apos;s
          environment variables, the same values for the worker. <code>OTPILOT_TRUST_PROXY=1</code>: Vercel&apos;s
          edge sets <code>X-Forwarded-For</code>.
        </li>
      </ul>

      <h2 id="scale-out">Several instances behind a load balancer</h2>
      <p>Instances keep nothing of their own, so any request can go to any instance: no sticky sessions. They must share:</p>
      <ul>
        <li>
          <strong>Secrets</strong>: the same <code>OTPILOT_CODE_PEPPER</code>, <code>OTPILOT_ENCRYPTION_KEYS</code>,{" "}
          <code>OTPILOT_SIGNING_KEY</code> and <code>NEXTAUTH_SECRET</code> on every web server and worker, or a
          code sent by one instance fails on another.
        </li>
        <li>
          <strong>Database</strong>: one PostgreSQL. Count connections: each process opens up to{" "}
          <code>DATABASE_POOL_SIZE</code> (10), plus 4 for the job queue where a worker runs; keep the sum below
          PostgreSQL&apos;s <code>max_connections</code>, or put a session-mode PgBouncer in front.
        </li>
        <li>
          <strong>Limiter store</strong>: Redis or Upstash. The in-memory limiter counts per process, so with two
          instances every limit would be twice as loose: never use it with more than one.
        </li>
        <li>
          <strong>Client address</strong>: <code>OTPILOT_TRUST_PROXY</code> = the number of proxies in front of the
          server that append to <code>X-Forwarded-For</code> (a load balancer alone: 1; a CDN and a load balancer: 2).
          Too high and callers can choose their own address for the per-IP limits; 0 and every caller looks like the
          load balancer.
        </li>
      </ul>
      <p>
        <strong>Workers.</strong> By default each server also runs the job worker. To scale them apart, set{" "}
        <code>OTPILOT_WORKER=0</code> on the web servers and run as many <code>npm run worker</code> processes as
        deliveries need. Jobs are claimed with row locks (pg-boss, <code>SKIP LOCKED</code>), so workers never send
        the same message twice; a worker that dies mid-job has its job retried by another after the lease, and a
        provider call it may have made is settled as <code>outcome_unknown</code> instead of sent again. Stop workers
        with SIGTERM: they finish the jobs in hand first. Watch <code>otpilot_queue_jobs</code> to size them.
      </p>

      <h2 id="backups">Backups</h2>
      <ul>
        <li>
          <strong>PostgreSQL</strong> holds everything: tenants, keys (as hashes), apps, encrypted provider
          credentials, verifications, events, the job queue. Back it up with <code>pg_dump</code> or your provider&apos;s
          point-in-time recovery.
        </li>
        <li>
          <strong>The secrets are not in the database</strong>: store them apart (a secret manager). Without{" "}
          <code>OTPILOT_ENCRYPTION_KEYS</code> a restored database&apos;s provider credentials and webhook secrets
          cannot be read.
        </li>
        <li>
          <strong>Embedded database</strong>: stop the server, copy the whole <code>.data/</code> folder (database and
          generated secrets), start again. Do not copy it while the server runs.
        </li>
        <li>
          <strong>Redis</strong> holds only rate-limit windows: no backup needed; losing it resets the current windows.
        </li>
      </ul>

      <h2 id="key-rotation">Key rotation</h2>
      <ul>
        <li>
          <strong>Encryption keys</strong> (<code>OTPILOT_ENCRYPTION_KEYS</code>, <code>kid:key,kid:key</code>): put a
          new key first (<code>npm run cli -- secrets:generate</code> prints one) and keep the old ones after it. The
          first key encrypts; every listed key decrypts, chosen by the key id stored with each value. Remove an old
          key only once nothing encrypted with it remains (there is no bulk re-encryption command yet: re-save
          provider credentials and roll webhook secrets to rewrite them).
        </li>
        <li>
          <strong>Code pepper</strong> (<code>OTPILOT_CODE_PEPPER</code>): codes are stored only as an HMAC with it,
          so a new pepper makes the codes pending at that moment fail (they live minutes; users ask for a new one).
          Change it on all instances at once, at a quiet time.
        </li>
        <li>
          <strong>Signing key</strong> (<code>OTPILOT_SIGNING_KEY</code>, ES256) signs widget tokens. Tokens signed
          with a replaced key stop verifying; see the widget documentation for publishing keys and rotating them
          with the CLI.
        </li>
        <li>
          <strong>Console secret</strong> (<code>NEXTAUTH_SECRET</code>): changing it signs everyone out of the
          console.
        </li>
        <li>
          <strong>API keys</strong>: <code>npm run cli -- key:roll --key key_… --expires-in 24</code> issues a new
          secret while the old one keeps working for the grace period; <code>key:revoke</code> ends one at once.
        </li>
      </ul>

      <h2 id="upgrades">Upgrades</h2>
      <p>
        Each server applies pending migrations (<code>prisma/migrations</code>, shipped inside the build) when it
        starts, before it answers a request: each migration in its own transaction, under PostgreSQL&apos;s advisory
        lock (the same one <code>prisma migrate deploy</code> takes), so instances starting together wait for each
        other and only one migrates. A migration file changed after it was applied stops the start with a message.
      </p>
      <ol>
        <li>Back up the database.</li>
        <li>
          Build the new version, then either start it (it migrates) or run the migrations as a release step first:{" "}
          <code>npm run db:migrate</code> (or <code>node dist/db-migrate.mjs</code> in the standalone folder).
        </li>
        <li>
          Replace instances one at a time; the health check tells the load balancer when a new one is ready. Read
          the release notes for a migration that old instances cannot run against: then stop them first.
        </li>
        <li>Restart the workers with the same version.</li>
      </ol>

      <h2 id="monitoring">Health and metrics</h2>
      <p>
        <code>GET /api/health</code> needs no key and answers <code>200</code> with each dependency&apos;s state and
        latency, or <code>503</code> when the database or the rate-limit store is down: use it for load-balancer and
        container health checks (the image&apos;s <code>HEALTHCHECK</code> calls it). <code>GET /api/health/live</code>{" "}
        answers <code>200</code> as long as the process serves HTTP, whatever its dependencies do: use it as a liveness
        probe, so an orchestrator restarts a stuck process but not every process during a database outage. Logs are JSON lines on stdout
        with a request id (<code>X-Request-Id</code>), never with codes or secrets.
      </p>
      <p>
        <code>GET /api/metrics</code> serves Prometheus metrics once <code>OTPILOT_METRICS_TOKEN</code> is set (at least
        16 characters). Send it as <code>Authorization: Bearer &lt;token&gt;</code>. While the variable is unset the
        endpoint answers <code>404</code>; without the right token, <code>401</code> (both{" "}
        <code>application/problem+json</code>). Each process counts its own work, so scrape every instance; a
        separate worker serves the same metrics on <code>GET /metrics</code> at <code>OTPILOT_METRICS_PORT</code>.
      </p>
      <div className="table-wrap overflow-x-auto">
        <table>
          <caption className="sr-only">Metrics</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Labels</th>
              <th scope="col">What it counts</th>
            </tr>
          </thead>
          <tbody>
            {metrics.map((row) => (
              <tr key={row.name}>
                <td>
                  <code>{row.name}</code>
                </td>
                <td>{row.labels}</td>
                <td>{row.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CodeBlock title="prometheus.yml" language="yaml" code={prometheusSample} />
      <p>
        Worth alerting on: health not 200; a rising share of <code>otpilot_delivery_outcomes_total</code> with{" "}
        <code>permanent_error</code> or <code>outcome_unknown</code>; <code>otpilot_queue_jobs</code> waiting growing;
        any <code>otpilot_rate_limit_store_errors_total</code> (sends fail closed while the store is down).
      </p>

      <h2 id="tested">What was tested where</h2>
      <div className="table-wrap overflow-x-auto">
        <table>
          <caption className="sr-only">What was tested where</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {tested.map((row) => (
              <tr key={row.what}>
                <td>{row.what}</td>
                <td>{row.where}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
