// A session driven through a real endpoint (`createEndpoint` + `connect`) with a connection that
// only records the frames it is given: the server's whole protocol path, no socket.

import type { Patch, WireNode } from "@lucent/protocol";
import type { Endpoint } from "@lucent/server";
import { newSessionJoin } from "./lucent-client.ts";
import { applyToMirror, type MirrorElement, mirrorRoot } from "./wire-tree.ts";

export interface FakeSession {
  readonly mirror: MirrorElement;
  readonly mountFrame: string;
  /** Sends an event; resolves with the frames the server sent in answer, and the event's bytes. */
  event(handler: string, payload?: object): Promise<{ frames: string[]; sent: number }>;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

export async function fakeSession(endpoint: Endpoint): Promise<FakeSession> {
  const frames: string[] = [];
  const handler = endpoint.connect(
    { send: (frame) => frames.push(frame), close: () => {} },
    { url: "ws://127.0.0.1/bench/__lucent" },
  );
  handler.message(newSessionJoin());
  await tick();
  const mountFrame = frames.shift() as string;
  const mount = JSON.parse(mountFrame) as [0, number, string, WireNode[]];
  let seq = mount[1];
  const mirror = mirrorRoot(mount[3]);
  frames.length = 0;
  let ref = 0;
  return {
    mirror,
    mountFrame,
    async event(id, payload) {
      const frame = JSON.stringify(payload ? [1, ++ref, id, seq, payload] : [1, ++ref, id, seq]);
      handler.message(frame);
      await tick();
      const answer = frames.splice(0);
      for (const f of answer) {
        const parsed = JSON.parse(f) as unknown[];
        if (parsed[0] === 1) {
          seq++;
          applyToMirror(mirror, parsed[1] as Patch);
        }
      }
      return { frames: answer, sent: Buffer.byteLength(frame) };
    },
  };
}
