/**
 * The diff/apply check of invariant 1, for tests that run in happy-dom (it uses the global
 * `document`): build with the client, diff on the server, apply with the client, compare.
 */
import { applyPatch, buildNode, createDomWriter, HTML_NAMESPACE } from "@lucent/client";
import { diffView, type LiveNode, type Node as View } from "@lucent/server";
import { expect } from "vitest";
import { childShapes, mapBindings, namespaceErrors, referenceBuild } from "./dom-shape.ts";
import {
  bindingReader,
  bindingsIn,
  expectSame,
  keyedSurvivors,
  keyIndex,
  liveToDom,
  type Mounted,
  mount,
  parentErrors,
  textErrors,
  wireOf,
} from "./live.ts";

export const writer = createDomWriter(document);

/** A `<lucent-view>` stand-in holding the DOM the client builds from a mount's tree. */
export function built(mounted: Mounted): HTMLElement {
  const container = document.createElement("div");
  for (const node of wireOf(mounted.root)) {
    writer.insertBefore(container, buildNode(node, HTML_NAMESPACE, writer), null);
  }
  return container;
}

/** The DOM the test's own reading of SPEC §5 builds from the server's live tree. */
export function reference(mounted: Mounted): HTMLElement {
  return referenceBuild(document.createElement("div"), wireOf(mounted.root)) as HTMLElement;
}

/** What the checks saw, so a run can prove they were not vacuous. */
export const seen = { renders: 0, keyedSurvivors: 0, liveSurvivors: 0, ops: 0 };

/**
 * One render: diffs the live tree against `next`, applies the ops to `container` with the
 * client, and checks the result: (a) it equals the DOM built fresh from `next`, every event
 * binding read as the message it sends; (b) namespaces are the HTML parser's; (c) keyed nodes
 * that survive under a surviving parent are the same DOM nodes; (d) it equals the server's live
 * tree (which holds no empty or adjacent text, SPEC §5, and links every element to its parent),
 * and every live node the diff kept is still shown by the same DOM node; (e) the registry holds
 * the live tree's bindings and no others (every one of them resolves in (a), so a removed node's
 * references are retired).
 * Returns the new sequence number.
 */
export function renderAndCheck(
  live: Mounted,
  container: HTMLElement,
  next: View<unknown>,
  seq: number,
): number {
  const keysBefore = keyIndex(live.root, container);
  const domBefore = liveToDom(live.root, container);

  const ops = diffView(live.root, next, live.registry, seq + 1);
  const patched = ops.length > 0;
  const now = patched ? seq + 1 : seq;
  live.registry.commit(patched, now);
  // Through JSON, as on the wire.
  applyPatch(container, JSON.parse(JSON.stringify(ops)), writer);
  seen.renders++;
  seen.ops += ops.length;

  const fresh = mount(next);
  // (a)
  expectSame(
    mapBindings(childShapes(container), bindingReader(live.registry, now)),
    mapBindings(childShapes(built(fresh)), bindingReader(fresh.registry, 0)),
    "patched DOM vs DOM built fresh from the new view",
  );
  // (b)
  expect(namespaceErrors(container)).toEqual([]);
  // (c)
  const { checked, recreated } = keyedSurvivors(keysBefore, keyIndex(fresh.root, container));
  expect(recreated, "keyed nodes recreated instead of kept").toEqual([]);
  seen.keyedSurvivors += checked;
  // (d)
  expect(textErrors(live.root), "SPEC §5: no empty or adjacent text").toEqual([]);
  expect(parentErrors(live.root), "live elements link to their parents").toEqual([]);
  expectSame(childShapes(container), childShapes(reference(live)), "patched DOM vs live tree");
  for (const [node, dom] of liveToDom(live.root, container)) {
    const before = domBefore.get(node as LiveNode);
    if (before === undefined) continue;
    seen.liveSurvivors++;
    if (before !== dom) expect.fail("a node the server kept was replaced in the DOM");
  }
  // (e)
  expect(live.registry.size, "bindings in the registry vs in the live tree").toBe(
    bindingsIn(live.root),
  );
  return now;
}
