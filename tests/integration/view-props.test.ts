// @vitest-environment happy-dom
/**
 * Props that are not a plain record of strings: `h` copies them, so the server-rendered HTML, the
 * tree on the wire and the DOM the client patches all show the same attributes. (A plain record of
 * strings is kept as given; the diff/apply properties cover that path.)
 */
import { applyPatch } from "@lucent/client";
import { diffView, h, type Node, renderChildren } from "@lucent/server";
import { describe, expect, test } from "vitest";
import { built, writer } from "../support/check-render.ts";
import { mount } from "../support/live.ts";

/** The HTML the server renders for `view`, and the DOM the client makes of a patch to it. */
function renderedBothWays(view: Node<unknown>): { html: string; dom: string } {
  const start = mount(h("p", null));
  const container = built(start);
  // Replacing the paragraph sends the new element whole, in its wire form.
  const ops = diffView(start.root, view, start.registry, 1);
  applyPatch(container, JSON.parse(JSON.stringify(ops)), writer);
  return { html: renderChildren(mount(view).root), dom: container.innerHTML };
}

describe("props that are not a plain record", () => {
  test("inherited props are attributes in the HTML, on the wire and in the DOM alike", () => {
    const props = Object.create({ title: "inherited" }) as Record<string, string>;
    props.id = "own";
    const { html, dom } = renderedBothWays(h("div", props));
    expect(html).toBe('<div id="own" title="inherited"></div>');
    expect(dom).toBe(html);
  });

  test("a class instance's toJSON does not change what goes on the wire", () => {
    class Attributes {
      id = "a";
      toJSON() {
        return { wrong: "yes" };
      }
    }
    const { html, dom } = renderedBothWays(h("div", new Attributes() as never));
    expect(html).toBe('<div id="a"></div>');
    expect(dom).toBe(html);
  });

  test("an own __proto__ prop (from JSON.parse) is no attribute", () => {
    const props = JSON.parse('{"__proto__":"x","id":"a"}') as Record<string, string>;
    const live = mount(h("div", props));
    expect(renderChildren(live.root)).toBe('<div id="a"></div>');
    const container = built(live);
    const ops = diffView(live.root, h("div", { id: "a" }), live.registry, 1);
    applyPatch(container, JSON.parse(JSON.stringify(ops)), writer);
    expect(container.innerHTML).toBe('<div id="a"></div>');
  });
});
