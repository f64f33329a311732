import { describe, expect, it } from "vitest";
import { clientAddress, stampPeerAddress } from "@/lib/http/client-address";

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientAddress", () => {
  it("with no trusted proxy, reads the address Next.js wrote from the connection", () => {
    expect(clientAddress(headers("203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(clientAddress(headers("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddress(headers("2001:DB8::1"), 0)).toBe("2001:db8::1");
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

describe("stampPeerAddress (server.ts)", () => {
  it("with no trusted proxy, replaces a forged X-Forwarded-For with the TCP peer", () => {
    const sent: Record<string, string | string[] | undefined> = {
      "x-forwarded-for": "203.0.113.66",
    };
    stampPeerAddress(sent, "198.51.100.7", 0);
    expect(clientAddress(new Headers(sent as Record<string, string>), 0)).toBe("198.51.100.7");
  });

  it("behind trusted proxies, keeps the header they wrote", () => {
    const sent: Record<string, string | string[] | undefined> = {
      "x-forwarded-for": "203.0.113.66, 192.0.2.10",
    };
    stampPeerAddress(sent, "10.0.0.2", 1);
    expect(clientAddress(new Headers(sent as Record<string, string>), 1)).toBe("192.0.2.10");
  });
});
