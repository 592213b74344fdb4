// The same views as virtual-dom VTrees. virtual-dom sets properties, so `class` is `className`
// and other attributes go under `attributes`; event handlers are module-level functions (what a
// delegating app passes), so unchanged rows compare equal and cost no patch.
import virtualDom from "virtual-dom";
import type { JfbModel, Row } from "./jfb.ts";
import { BUTTONS } from "./jfb.ts";

export type VTree = VirtualDOM.VTree;
export const vh = virtualDom.h;
export const vdiff = virtualDom.diff;

const onSelect = () => {};
const onRemove = () => {};
const onButton = () => {};

function row(r: Row, selected: number): VTree {
  return vh(
    "tr",
    r.id === selected ? { key: String(r.id), className: "danger" } : { key: String(r.id) },
    [
      vh("td", { className: "col-md-1" }, [String(r.id)]),
      vh("td", { className: "col-md-4" }, [vh("a", { onclick: onSelect }, [r.label])]),
      vh("td", { className: "col-md-1" }, [
        vh("a", { onclick: onRemove }, [
          vh(
            "span",
            { className: "glyphicon glyphicon-remove", attributes: { "aria-hidden": "true" } },
            [],
          ),
        ]),
      ]),
      vh("td", { className: "col-md-6" }, []),
    ],
  );
}

export function jfbVTree(model: JfbModel): VTree {
  return vh("div", { className: "container", id: "main" }, [
    vh("div", { className: "jumbotron" }, [
      vh("h1", {}, ["Lucent"]),
      ...BUTTONS.map(([id, text]) =>
        vh("button", { type: "button", className: "btn btn-primary", id, onclick: onButton }, [
          text,
        ]),
      ),
    ]),
    vh("table", { className: "table table-hover table-striped test-data" }, [
      vh(
        "tbody",
        { id: "tbody" },
        model.rows.map((r) => row(r, model.selected)),
      ),
    ]),
  ]);
}
