import { describe, expect, it } from "vitest";
import { readLines } from "../../app/lib/read-lines";

function streamOf(chunks: string[], failAtEnd = false) {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk !== undefined) return controller.enqueue(new TextEncoder().encode(chunk));
      if (failAtEnd) return controller.error(new Error("connection reset"));
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>) {
  const lines: string[] = [];
  try {
    for await (const line of readLines(stream)) lines.push(line);
  } catch (error) {
    return { lines, error };
  }
  return { lines, error: null };
}

describe("readLines", () => {
  it("splits lines across chunk boundaries, including multi-byte characters", async () => {
    const bytes = new TextEncoder().encode('{"city":"Montréal"}\n{"a":1}');
    const first = new TextDecoder().decode(bytes.slice(0, 14));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 14));
        controller.enqueue(bytes.slice(14));
        controller.close();
      },
    });
    expect(first).not.toContain("é");
    expect((await collect(stream)).lines).toEqual(['{"city":"Montréal"}', '{"a":1}']);
  });

  it("yields every complete line received before the connection breaks, then the error", async () => {
    const { lines, error } = await collect(streamOf(["a\nb\nc", "d\ne\n"], true));
    expect(lines).toEqual(["a", "b", "cd", "e"]);
    expect(String(error)).toMatch(/connection reset/);
  });
});
