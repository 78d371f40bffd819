import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { assertWebhookUrlAllowed, isPublicAddress, webhookUrlProblem } from "@/lib/webhooks/address-guard";
import { BlockedAddressError, resolveWebhookTarget } from "@/lib/webhooks/resolve-webhook-target";

const refused = {
  "IPv4 loopback": ["127.0.0.1", "127.255.255.254"],
  "IPv4 private 10/8": ["10.0.0.1", "10.255.255.255"],
  "IPv4 private 172.16/12": ["172.16.0.1", "172.31.255.255"],
  "IPv4 private 192.168/16": ["192.168.0.1", "192.168.255.255"],
  "IPv4 link-local (cloud metadata)": ["169.254.169.254", "169.254.0.1"],
  "CGNAT 100.64/10": ["100.64.0.1", "100.127.255.254"],
  "unspecified / this network": ["0.0.0.0", "0.1.2.3"],
  "IPv4 multicast and broadcast": ["224.0.0.1", "239.255.255.250", "255.255.255.255"],
  "IPv4 reserved and documentation": ["240.0.0.1", "192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1"],
  "IPv6 loopback and unspecified": ["::1", "::"],
  "IPv6 unique-local fc00::/7": ["fc00::1", "fd12:3456:789a::1"],
  "IPv6 link-local fe80::/10": ["fe80::1", "febf::1"],
  "IPv6 multicast": ["ff02::1", "ff0e::1"],
  "IPv4-mapped IPv6 of private ranges": ["::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:192.168.1.1", "::ffff:169.254.169.254", "::ffff:100.64.0.1", "::ffff:0.0.0.0"],
  "IPv4-compatible IPv6": ["::127.0.0.1", "::a00:1"],
  "IPv6 transition prefixes embedding IPv4": ["2002:7f00:1::", "64:ff9b::a00:1", "2001:0:4136:e378::1"],
  "IPv6 documentation": ["2001:db8::1"],
};

describe("isPublicAddress", () => {
  for (const [range, addresses] of Object.entries(refused)) {
    it(`refuses ${range}`, () => {
      for (const address of addresses) expect(isPublicAddress(address), address).toBe(false);
    });
  }

  it("accepts public unicast addresses, IPv4, IPv6 and IPv4-mapped", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it("refuses what is not an address", () => {
    expect(isPublicAddress("example.com")).toBe(false);
    expect(isPublicAddress("")).toBe(false);
  });
});

describe("webhookUrlProblem (settings-time check)", () => {
  it("refuses literal non-public IPs in every spelling the URL parser normalises", () => {
    for (const url of [
      "http://127.0.0.1/hook",
      "http://2130706433/hook", // decimal 127.0.0.1
      "http://0x7f.1/hook",
      "http://0177.0.0.1/hook",
      "https://10.1.2.3:8443/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://[::ffff:a9fe:a9fe]/hook",
      "http://[fd00::1]/hook",
      "http://[fe80::1]/hook",
      "http://0.0.0.0/hook",
      "http://100.64.1.1/hook",
    ]) {
      expect(webhookUrlProblem(url), url).toMatch(/not a public address/);
    }
  });

  it("refuses local host names", () => {
    for (const url of ["http://localhost/hook", "http://LOCALHOST.:3000/", "http://api.localhost/", "http://printer.local/", "http://db.internal/", "http://router.home.arpa/"]) {
      expect(webhookUrlProblem(url), url).toMatch(/local host name/);
    }
  });

  it("accepts public names and addresses, and refuses other schemes and credentials", () => {
    expect(webhookUrlProblem("https://example.com/hooks/otp")).toBeNull();
    expect(webhookUrlProblem("https://8.8.8.8/hook")).toBeNull();
    expect(webhookUrlProblem("https://[2606:4700:4700::1111]/hook")).toBeNull();
    expect(webhookUrlProblem("ftp://example.com/")).toMatch(/http or https/);
    expect(webhookUrlProblem("https://user:pw@example.com/")).toMatch(/credentials/);
  });
});

describe("assertWebhookUrlAllowed", () => {
  it("answers 400 invalid_request naming webhookUrl when the guard is on", () => {
    let thrown: unknown;
    try {
      assertWebhookUrlAllowed("http://192.168.1.10/hook", false);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).status).toBe(400);
    expect((thrown as ApiError).code).toBe("invalid_request");
    expect((thrown as ApiError).detail).toMatch(/webhookUrl: 192\.168\.1\.10 is not a public address/);
    expect((thrown as ApiError).extra.errors).toEqual([expect.objectContaining({ path: "webhookUrl" })]);
  });

  it("lets anything through with OTPILOT_ALLOW_PRIVATE_WEBHOOKS, and public URLs always", () => {
    expect(() => assertWebhookUrlAllowed("http://127.0.0.1:9999/hook", true)).not.toThrow();
    expect(() => assertWebhookUrlAllowed("https://example.com/hook", false)).not.toThrow();
  });
});

describe("resolveWebhookTarget (delivery-time check, against the resolved address)", () => {
  it("refuses a name that resolves to loopback and pins nothing", async () => {
    await expect(resolveWebhookTarget("http://localhost:9/hook", false)).rejects.toBeInstanceOf(BlockedAddressError);
  });

  it("refuses literal private addresses, IPv4 and IPv6", async () => {
    await expect(resolveWebhookTarget("http://10.0.0.5/hook", false)).rejects.toThrow(/not a public address/);
    await expect(resolveWebhookTarget("http://[::ffff:10.0.0.5]/hook", false)).rejects.toThrow(/not a public address/);
  });

  it("pins the resolved address and keeps the URL (Host, SNI) as given", async () => {
    const target = await resolveWebhookTarget("http://localhost:9/hook", true);
    expect(["127.0.0.1", "::1"]).toContain(target.address);
    expect(target.url.host).toBe("localhost:9");
    const literal = await resolveWebhookTarget("https://8.8.8.8/hook", false);
    expect(literal).toMatchObject({ address: "8.8.8.8", family: 4 });
  });
});
