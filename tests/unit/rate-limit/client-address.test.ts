import { describe, expect, it } from "vitest";
import { clientAddress, stampForwardedHeaders } from "@/lib/http/client-address";

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientAddress", () => {
  it("with no trusted proxy, reads the address Next.js wrote from the connection", () => {
    expect(clientAddress(headers("203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(clientAddress(headers("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddress(headers("2001:DB8::1"), 0)).toBe("2001:db8:0:0::/64");
  });

  it("counts an IPv6 client by its /64, which one host commonly holds whole", () => {
    const sameHost = [
      "2001:db8:1:2::1",
      "2001:db8:1:2:ffff:ffff:ffff:fffe",
      "2001:0db8:0001:0002::9",
    ];
    for (const address of sameHost)
      expect(clientAddress(headers(address), 0), address).toBe("2001:db8:1:2::/64");
    expect(clientAddress(headers("2001:db8:1:3::1"), 0)).toBe("2001:db8:1:3::/64");
    expect(clientAddress(headers("::1"), 0)).toBe("0:0:0:0::/64");
    expect(clientAddress(headers("64:ff9b::192.0.2.1"), 0)).toBe("64:ff9b::192.0.2.1");
  });

  it("believes only the hop written by the last trusted proxy, never entries to its left", () => {
    // The client sent "1.1.1.1"; proxy 1 appended the client's real address; proxy 2 appended proxy 1's.
    const chain = headers("1.1.1.1, 198.51.100.9, 10.0.0.2");
    expect(clientAddress(chain, 2)).toBe("198.51.100.9");
    expect(clientAddress(headers("1.1.1.1, 198.51.100.9"), 1)).toBe("198.51.100.9");
  });

  it("gives one shared 'unknown' for missing, garbled or too-short headers", () => {
    expect(clientAddress(headers(), 0)).toBe("unknown");
    expect(clientAddress(headers("not-an-address"), 0)).toBe("unknown");
    expect(clientAddress(headers("198.51.100.9"), 2)).toBe("unknown");
  });
});

describe("stampForwardedHeaders (server.ts)", () => {
  it("with no trusted proxy, replaces a forged X-Forwarded-For with the TCP peer", () => {
    const sent: Record<string, string | string[] | undefined> = {
      "x-forwarded-for": "203.0.113.66",
    };
    stampForwardedHeaders(sent, "198.51.100.7", 0);
    expect(clientAddress(new Headers(sent as Record<string, string>), 0)).toBe("198.51.100.7");
  });

  it("with no trusted proxy, drops the host, scheme and port a client claims to have asked for", () => {
    const sent: Record<string, string | string[] | undefined> = {
      host: "blog.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "http",
      "x-forwarded-port": "8080",
      forwarded: "host=evil.example;proto=http",
    };
    stampForwardedHeaders(sent, "198.51.100.7", 0);
    expect(sent).toEqual({ host: "blog.example", "x-forwarded-for": "198.51.100.7" });
  });

  it("behind trusted proxies, keeps the headers they wrote", () => {
    const sent: Record<string, string | string[] | undefined> = {
      "x-forwarded-for": "203.0.113.66, 192.0.2.10",
      "x-forwarded-host": "blog.example",
      "x-forwarded-proto": "https",
    };
    stampForwardedHeaders(sent, "10.0.0.2", 1);
    expect(clientAddress(new Headers(sent as Record<string, string>), 1)).toBe("192.0.2.10");
    expect(sent["x-forwarded-host"]).toBe("blog.example");
    expect(sent["x-forwarded-proto"]).toBe("https");
  });
});
