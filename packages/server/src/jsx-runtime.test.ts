import { describe, expect, test } from "vitest";
import { Fragment, jsx } from "./jsx-runtime.ts";
import { h } from "./view/h.ts";
import { NodeKind } from "./view/node.ts";

describe("the JSX runtime", () => {
  test("an intrinsic element is what h makes of the same props, children and key", () => {
    const made = jsx("li", { class: "done", onClick: "toggle", children: ["Buy ", "milk"] }, 7);
    const expected = h("li", { key: 7, class: "done", onClick: "toggle" }, "Buy ", "milk");
    expect(made).toEqual(expected);
    expect(jsx("td", { class: "col" }, "a")).toEqual(h("td", { key: "a", class: "col" }));
  });

  test("the JSX key wins over a key among spread props", () => {
    const made = jsx("li", { key: "spread", title: "t" }, "jsx");
    expect(made.kind === NodeKind.Element && made.key).toBe("jsx");
    expect(made.kind === NodeKind.Element && { ...made.attributes }).toEqual({ title: "t" });
  });

  test("fragments and components receive the key", () => {
    const fragment = jsx(Fragment, { children: ["a"] }, 1);
    expect(fragment.kind === NodeKind.Fragment && fragment.key).toBe("1");
    const seen: unknown[] = [];
    jsx(
      (props: { key?: string }) => {
        seen.push(props.key);
        return h("p");
      },
      {},
      2,
    );
    expect(seen).toEqual(["2"]);
  });
});
