import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyStatusHeader, STATUS_HEADER } from "@/lib/http/response-status";

// A real HTTP server: what a browser receives is what is asserted.
let respond: (res: ServerResponse) => void = () => {};
const server = createServer((_req, res) => {
  applyStatusHeader(res);
  respond(res);
});
let origin = "";
beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("applyStatusHeader", () => {
  it("answers with the status the header names, and never sends the header", async () => {
    respond = (res) => {
      res.setHeader(STATUS_HEADER, "429");
      res.end("slow down");
    };
    const response = await fetch(origin);
    expect(response.status).toBe(429);
    expect(response.headers.has(STATUS_HEADER)).toBe(false);
    expect(await response.text()).toBe("slow down");
  });

  it("leaves the status alone without the header, or with one that is not a status", async () => {
    respond = (res) => res.writeHead(201).end();
    expect((await fetch(origin)).status).toBe(201);
    respond = (res) => {
      res.setHeader(STATUS_HEADER, "teapot");
      res.writeHead(200).end();
    };
    const response = await fetch(origin);
    expect(response.status).toBe(200);
    expect(response.headers.has(STATUS_HEADER)).toBe(false);
  });
});
