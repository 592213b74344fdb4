// @vitest-environment happy-dom
import fc from "fast-check";
import { afterEach, describe, expect, test } from "vitest";
import { formsOf, recoverForms, restoreForms, saveForms, trackEdits } from "./form-recovery.ts";

afterEach(() => {
  document.body.innerHTML = "";
});

const FORM = `<form id="profile">
  <input name="name" value="ada">
  <textarea name="bio">hi</textarea>
  <select name="lang"><option value="en" selected>en</option><option value="fr">fr</option></select>
  <select name="tags" multiple><option value="a">a</option><option value="b">b</option><option value="c" selected>c</option></select>
  <input type="checkbox" name="news" value="yes">
  <input type="checkbox" name="terms" value="ok" checked>
  <input type="radio" name="plan" value="free" checked><input type="radio" name="plan" value="pro">
  <input type="file" name="avatar">
  <input type="hidden" name="csrf" value="t">
  <button name="go" value="1">Go</button>
  <input value="no name">
</form>`;

/** A page with `html`, and the events that reach the document. */
function page(html: string) {
  const root = document.createElement("lucent-view");
  root.innerHTML = html;
  document.body.replaceChildren(root);
  const heard: string[] = [];
  for (const type of ["input", "change"]) {
    root.addEventListener(type, (event) => {
      heard.push(`${type} ${(event.target as HTMLInputElement).name}`);
    });
  }
  return { root, heard };
}

const field = <T = HTMLInputElement>(root: Element, selector: string) =>
  root.querySelector(selector) as T;

/** Fills in the profile form the way a user would. */
function edit(root: Element) {
  field(root, "[name=name]").value = "grace";
  field<HTMLTextAreaElement>(root, "[name=bio]").value = "hello";
  field<HTMLSelectElement>(root, "[name=lang]").value = "fr";
  const tags = field<HTMLSelectElement>(root, "[name=tags]");
  for (const option of tags.options) option.selected = option.value !== "c";
  field(root, "[name=news]").checked = true;
  field(root, "[name=terms]").checked = false;
  field(root, "[value=pro]").checked = true;
}

describe("form recovery", () => {
  test("puts back what the user changed, and sends an input and a change event for each", () => {
    const before = page(FORM);
    edit(before.root);
    const saved = saveForms(before.root);
    const after = page(FORM);
    restoreForms(after.root, saved);
    const { root } = after;
    expect(field(root, "[name=name]").value).toBe("grace");
    expect(field<HTMLTextAreaElement>(root, "[name=bio]").value).toBe("hello");
    expect(field<HTMLSelectElement>(root, "[name=lang]").value).toBe("fr");
    const tags = [...field<HTMLSelectElement>(root, "[name=tags]").selectedOptions];
    expect(tags.map((option) => option.value)).toEqual(["a", "b"]);
    expect(field(root, "[name=news]").checked).toBe(true);
    expect(field(root, "[name=terms]").checked).toBe(false);
    expect(field(root, "[value=pro]").checked).toBe(true);
    expect(field(root, "[value=free]").checked).toBe(false);
    const names = ["name", "bio", "lang", "tags", "news", "terms", "plan"];
    expect(after.heard).toEqual(names.flatMap((name) => [`input ${name}`, `change ${name}`]));
  });

  test("an edited controlled input is saved although its value attribute echoes it", () => {
    const root = document.createElement("lucent-view");
    root.innerHTML =
      '<form id="f"><input name="q" value="typed"><input name="other" value="x"></form>';
    document.body.append(root);
    const edited = trackEdits(root);
    const input = root.querySelector("input[name=q]") as HTMLInputElement;
    input.value = "typed";
    // Script-made events are untrusted and do not count as edits; what the user typed does.
    input.dispatchEvent(new Event("input", { bubbles: true }));
    expect([...saveForms(root, edited)]).toEqual([]);
    edited.add(input);
    expect([...saveForms(root, edited)]).toEqual([["#f q 1", "typed"]]);
    root.remove();
  });

  test("fields the user did not change are left as the new page has them", () => {
    const before = page(FORM);
    field(before.root, "[name=name]").value = "grace";
    const saved = saveForms(before.root);
    const after = page(FORM.replace('value="ada"', 'value="server"').replace("hi<", "new<"));
    restoreForms(after.root, saved);
    expect(field(after.root, "[name=name]").value).toBe("grace");
    expect(field<HTMLTextAreaElement>(after.root, "[name=bio]").value).toBe("new");
    expect(after.heard).toEqual(["input name", "change name"]);
  });

  test("nothing is saved from an untouched page, and nothing is sent", () => {
    const before = page(FORM);
    expect([...saveForms(before.root)]).toEqual([]);
  });

  test("a field that already shows the saved value gets no event", () => {
    const before = page(FORM);
    field(before.root, "[name=name]").value = "grace";
    const saved = saveForms(before.root);
    const after = page(FORM.replace('value="ada"', 'value="grace"'));
    restoreForms(after.root, saved);
    expect(after.heard).toEqual([]);
  });

  test("forms are matched by id, else by position among the forms", () => {
    const html = '<form><input name="q"></form><form id="b"><input name="q"></form>';
    const before = page(html);
    const [first, second] = before.root.querySelectorAll("input");
    first!.value = "one";
    second!.value = "two";
    const saved = saveForms(before.root);
    const after = page(`<form id="b"><input name="q"></form><form><input name="q"></form>`);
    restoreForms(after.root, saved);
    const inputs = [...after.root.querySelectorAll("input")].map((input) => input.value);
    expect(inputs).toEqual(["two", ""]);
  });

  test("fields sharing a name are matched by position; checkboxes by name and value", () => {
    const html =
      '<form><input name="item"><input name="item"><input type="checkbox" name="c" value="a"><input type="checkbox" name="c" value="b"></form>';
    const before = page(html);
    const items = before.root.querySelectorAll<HTMLInputElement>("[name=item]");
    items[1]!.value = "second";
    field(before.root, "[value=b]").checked = true;
    const saved = saveForms(before.root);
    const after = page(
      '<form><input type="checkbox" name="c" value="b"><input name="item"><input name="item"><input type="checkbox" name="c" value="a"></form>',
    );
    restoreForms(after.root, saved);
    const values = [...after.root.querySelectorAll<HTMLInputElement>("[name=item]")];
    expect(values.map((input) => input.value)).toEqual(["", "second"]);
    expect(field(after.root, "[value=b]").checked).toBe(true);
    expect(field(after.root, "[value=a]").checked).toBe(false);
  });

  test("fields inside lucent-no-recover in the new page are not restored", () => {
    const html = '<form><input name="otp"><input name="email"></form>';
    const before = page(html);
    field(before.root, "[name=otp]").value = "123456";
    field(before.root, "[name=email]").value = "a@b.c";
    const saved = saveForms(before.root);
    const after = page(
      '<form><input name="otp" lucent-no-recover><input name="email"></form><form lucent-no-recover><input name="x"></form>',
    );
    restoreForms(after.root, saved);
    expect(field(after.root, "[name=otp]").value).toBe("");
    expect(field(after.root, "[name=email]").value).toBe("a@b.c");
  });

  test("files, buttons and fields without a name are neither saved nor restored", () => {
    const before = page(FORM);
    field(before.root, "input:not([name])").value = "typed";
    expect([...saveForms(before.root).keys()].join()).not.toMatch(/avatar|go|csrf/);
    expect(saveForms(before.root).size).toBe(0);
  });

  test("a text field that became a textarea keeps what was typed", () => {
    const before = page('<form><input name="n"></form>');
    field(before.root, "input").value = "x";
    const after = page('<form><textarea name="n"></textarea></form>');
    restoreForms(after.root, saveForms(before.root));
    expect(field<HTMLTextAreaElement>(after.root, "textarea").value).toBe("x");
  });

  test("whatever the user changed, an identical new page shows the same after restoring", () => {
    const html = `<form><input name="a"><input name="a" value="x"><textarea name="t"></textarea>
      <input type="checkbox" name="c" value="1"><input type="checkbox" name="c" value="2" checked>
      <input type="radio" name="r" value="1" checked><input type="radio" name="r" value="2">
      <select name="s"><option>p</option><option selected>q</option><option>r</option></select>
      <select name="m" multiple><option>p</option><option>q</option></select></form>`;
    const shown = (root: Element) =>
      [...(root.querySelector("form") as HTMLFormElement).elements].map((element) => {
        const field = element as HTMLInputElement & HTMLSelectElement;
        return field.options
          ? [...field.options].map((option) => option.selected)
          : /checkbox|radio/.test(field.type)
            ? field.checked
            : field.value;
      });
    fc.assert(
      fc.property(
        fc.tuple(fc.string(), fc.string(), fc.string()),
        fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
        fc.nat({ max: 2 }),
        fc.tuple(fc.boolean(), fc.boolean()),
        (texts, boxes, selected, multiple) => {
          const before = page(html);
          const inputs = before.root.querySelectorAll<HTMLInputElement>("[name=a], [name=t]");
          inputs.forEach((input, i) => {
            input.value = texts[i] as string;
          });
          const checks = before.root.querySelectorAll<HTMLInputElement>("[type=checkbox]");
          checks[0]!.checked = boxes[0];
          checks[1]!.checked = boxes[1];
          field(before.root, boxes[2] ? "[name=r][value='2']" : "[name=r][value='1']").checked =
            true;
          field<HTMLSelectElement>(before.root, "[name=s]").selectedIndex = selected;
          const options = field<HTMLSelectElement>(before.root, "[name=m]").options;
          options[0]!.selected = multiple[0];
          options[1]!.selected = multiple[1];
          const expected = shown(before.root);
          const saved = saveForms(before.root);
          const after = page(html);
          restoreForms(after.root, saved);
          expect(shown(after.root)).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  test("recovers from content that has left the page, fields tied by form= included", () => {
    const html = `<form id="f"><input name="a" value="1"></form><input name="b" form="f" value="2">`;
    const before = page(html);
    field(before.root, "[name=a]").value = "typed a";
    field(before.root, "[name=b]").value = "typed b";
    // What the session reads before the new tree takes the content's place.
    const replaced = formsOf(before.root);
    const after = page(html);
    expect(before.root.isConnected).toBe(false);
    recoverForms(after.root, replaced);
    expect(field(after.root, "[name=a]").value).toBe("typed a");
    expect(field(after.root, "[name=b]").value).toBe("typed b");
  });
});
