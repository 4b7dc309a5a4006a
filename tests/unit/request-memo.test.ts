// One actor lookup per HTTP request: the memo server.ts opens around each request.
import { describe, expect, it } from "vitest";
import { requestMemo, withRequestMemo } from "~/utils/request-memo.server";

function inRequest<T>(fn: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => withRequestMemo(() => void fn().then(resolve, reject)));
}

describe("requestMemo", () => {
  it("computes once per request and key, across parallel loaders and awaits", async () => {
    let calls = 0;
    const compute = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
      return { calls };
    };
    const [a, b, c] = await inRequest(async () => {
      const first = requestMemo("actor|x", compute);
      await new Promise((r) => setTimeout(r, 1));
      return Promise.all([first, requestMemo("actor|x", compute), requestMemo("actor|y", compute)]);
    });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(calls).toBe(2);
  });

  it("does not share between requests, nor memoise outside one", async () => {
    let calls = 0;
    const compute = async () => ++calls;
    const one = await inRequest(() => requestMemo("k", compute));
    const two = await inRequest(() => requestMemo("k", compute));
    expect([one, two]).toEqual([1, 2]);
    expect(await requestMemo("k", compute)).toBe(3);
    expect(await requestMemo("k", compute)).toBe(4);
  });
});
