// @vitest-environment happy-dom
import { COMMAND_ARITY } from "@lucent/protocol";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { reapplyCommands, runCommands } from "./commands.ts";

let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  document.body.innerHTML =
    '<button id="b" class="x">menu</button><ul id="menu" hidden><li>a</li></ul><p class="row">1</p><p class="row">2</p>';
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  document.body.innerHTML = "";
  reapplyCommands();
  vi.restoreAllMocks();
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement;
const run = (commands: unknown) => runCommands($("#b"), JSON.stringify(commands));

describe("commands", () => {
  test("show, hide and toggle change the hidden attribute of the targets", () => {
    run([["show", "#menu"]]);
    expect($("#menu").hidden).toBe(false);
    run([["hide", "#menu"]]);
    expect($("#menu").hasAttribute("hidden")).toBe(true);
    run([["toggle", "#menu"]]);
    expect($("#menu").hasAttribute("hidden")).toBe(false);
    run([["toggle", "#menu"]]);
    expect($("#menu").hasAttribute("hidden")).toBe(true);
  });

  test('"" targets the element itself; a selector targets every match in the document', () => {
    run([
      ["add-class", "", "open"],
      ["add-class", ".row", "seen"],
    ]);
    expect($("#b").className).toBe("x open");
    expect([...document.querySelectorAll(".seen")].map((p) => p.textContent)).toEqual(["1", "2"]);
  });

  test("classes are added, removed and toggled", () => {
    run([["remove-class", "", "x"]]);
    expect($("#b").className).toBe("");
    run([["toggle-class", "", "on"]]);
    expect($("#b").classList.contains("on")).toBe(true);
    run([["toggle-class", "", "on"]]);
    expect($("#b").classList.contains("on")).toBe(false);
  });

  test("attributes are set, removed and toggled", () => {
    run([["set-attribute", "", "aria-expanded", "true"]]);
    expect($("#b").getAttribute("aria-expanded")).toBe("true");
    run([["remove-attribute", "", "aria-expanded"]]);
    expect($("#b").hasAttribute("aria-expanded")).toBe(false);
    run([["toggle-attribute", "#menu", "data-open"]]);
    expect($("#menu").getAttribute("data-open")).toBe("");
    run([["toggle-attribute", "#menu", "data-open"]]);
    expect($("#menu").hasAttribute("data-open")).toBe(false);
  });

  test("focus focuses the target; dispatch sends a bubbling CustomEvent", () => {
    document.body.insertAdjacentHTML("beforeend", '<input id="i">');
    const seen: string[] = [];
    document.addEventListener("menu:open", (event) => seen.push((event.target as Element).id));
    run([
      ["focus", "#i"],
      ["dispatch", "#menu", "menu:open"],
    ]);
    expect(document.activeElement).toBe($("#i"));
    expect(seen).toEqual(["menu"]);
  });

  test("commands run in order", () => {
    run([
      ["add-class", "", "a"],
      ["toggle-class", "", "a"],
      ["set-attribute", "", "title", "1"],
      ["set-attribute", "", "title", "2"],
    ]);
    expect($("#b").classList.contains("a")).toBe(false);
    expect($("#b").title).toBe("2");
  });

  test("every command the protocol names is run", () => {
    expect(Object.keys(COMMAND_ARITY).sort()).toEqual(
      [
        "add-class",
        "dispatch",
        "focus",
        "hide",
        "remove-attribute",
        "remove-class",
        "set-attribute",
        "show",
        "toggle",
        "toggle-attribute",
        "toggle-class",
      ].sort(),
    );
  });
});

describe("malformed lists", () => {
  test.each([
    ["not JSON", "[["],
    ["not a list", '{"a":1}'],
    ["a command that is not a list", "[1]"],
    ["an unknown command", '[["explode",""]]'],
    ["a missing argument", '[["add-class",""]]'],
    ["an extra argument", '[["show","","x"]]'],
    ["an argument that is not a string", '[["set-attribute","","a",1]]'],
    ["a target that is not a string", '[["show",null]]'],
    ["a selector the DOM refuses", '[["show","#menu"],["show","[["]]'],
    ["a name from Object.prototype", '[["toString",""]]'],
  ])("%s changes nothing, is logged, and does not throw", (_, json) => {
    const before = document.body.innerHTML;
    expect(() => runCommands($("#b"), `[["add-class","","early"],${json.slice(1)}`)).not.toThrow();
    expect(() => runCommands($("#b"), json)).not.toThrow();
    expect(document.body.innerHTML).toBe(before);
    expect(warn).toHaveBeenCalled();
  });

  test("any text is ignored or run, never thrown", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (json) => {
        expect(() => runCommands($("#b"), json)).not.toThrow();
      }),
    );
  });
});

describe("sticky changes", () => {
  test("are put back after the DOM undid them, until a command changes them again", () => {
    run([
      ["show", "#menu"],
      ["add-class", "", "open"],
      ["set-attribute", "", "aria-expanded", "true"],
    ]);
    // A patch renders what the server knows: the menu hidden, the button without its class.
    $("#menu").setAttribute("hidden", "");
    $("#b").className = "x";
    $("#b").removeAttribute("aria-expanded");
    reapplyCommands();
    expect($("#menu").hidden).toBe(false);
    expect($("#b").className).toBe("x open");
    expect($("#b").getAttribute("aria-expanded")).toBe("true");
    run([["remove-class", "", "open"]]);
    $("#b").classList.add("open");
    reapplyCommands();
    expect($("#b").classList.contains("open")).toBe(false);
    expect($("#b").getAttribute("aria-expanded")).toBe("true");
  });

  test("only what commands changed is put back; the rest is the server's", () => {
    run([["add-class", "", "open"]]);
    $("#b").className = "y";
    $("#b").title = "server";
    reapplyCommands();
    expect($("#b").className).toBe("y open");
    expect($("#b").title).toBe("server");
  });

  test("re-applying writes nothing when nothing was undone", () => {
    run([["add-class", ".row", "seen"]]);
    const observer = new MutationObserver(() => {});
    observer.observe(document.body, { attributes: true, subtree: true });
    reapplyCommands();
    expect(observer.takeRecords()).toEqual([]);
    observer.disconnect();
  });

  test("elements that left the document are forgotten", () => {
    run([["add-class", "#menu", "open"]]);
    const menu = $("#menu");
    menu.remove();
    menu.classList.remove("open");
    reapplyCommands();
    document.body.append(menu);
    reapplyCommands();
    expect(menu.classList.contains("open")).toBe(false);
  });
});
