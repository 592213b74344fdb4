/** What the user entered, by field key (see {@link saveForms}). */
export type SavedFields = Map<string, string>;

/** A form and its fields, as `form.elements` listed them when read. */
export type FormFields = readonly [form: HTMLFormElement, fields: readonly Element[]];

/**
 * The forms under `root` and their fields, read now: a field tied to its form by a `form="id"`
 * attribute belongs to it only while both are in the document, so content that is about to be
 * replaced is read before it leaves.
 *
 * @example const forms = formsOf(view); view.replaceChildren(fresh); recoverForms(view, forms)
 */
export function formsOf(root: Element): FormFields[] {
  return [...root.querySelectorAll("form")].map((form) => [form, [...form.elements]]);
}

/** A form control, read through the properties of whichever kind it is. */
type Field = HTMLInputElement & Pick<HTMLSelectElement, "options">;

/**
 * What the user entered in the forms under `root`: each named field the user edited (see
 * {@link trackEdits}) or whose state differs from its default. Edits matter because a controlled
 * input's `value` attribute is the server's echo of what was typed, so its default says nothing.
 * Radios are kept only when checked: the group follows the one that is. Files and buttons are
 * left out.
 *
 * @example const saved = saveForms(view, edited); rebuild(); restoreForms(view, saved)
 */
export function saveForms(
  root: Element | readonly FormFields[],
  edited?: WeakSet<Element>,
): SavedFields {
  const saved: SavedFields = new Map();
  forEachField(
    Array.isArray(root) ? root : formsOf(root as Element),
    (key, field, state, initial) => {
      if ((state !== initial || edited?.has(field)) && (state || field.type !== "radio"))
        saved.set(key, state);
    },
  );
  return saved;
}

/**
 * Remembers the fields under `root` that the user changed (trusted `input` and `change` events),
 * for {@link saveForms}.
 *
 * @example const edited = trackEdits(view)
 */
export function trackEdits(root: Element): WeakSet<Element> {
  const edited = new WeakSet<Element>();
  const mark = (event: Event) => {
    if (event.isTrusted) edited.add(event.target as Element);
  };
  root.addEventListener("input", mark, true);
  root.addEventListener("change", mark, true);
  return edited;
}

/**
 * Puts saved fields back into the matching fields under `root` (SPEC §11). A field inside
 * `lucent-no-recover`, or that already shows the saved state, is left alone. Each restored field
 * gets a bubbling `input` then `change` event, as after a user's edit, so its bindings send it.
 *
 * @example restoreForms(view, saved)
 */
export function restoreForms(root: Element, saved: SavedFields): void {
  forEachField(formsOf(root), (key, field, now) => {
    const state = saved.get(key);
    if (state === undefined || state === now || field.closest("[lucent-no-recover]")) return;
    if (field.options) {
      for (const option of field.options)
        option.selected = state.split("\n").includes(option.value);
    } else if (CHECKABLE.test(field.type)) field.checked = !!state;
    else field.value = state;
    for (const type of ["input", "change"]) {
      field.dispatchEvent(new Event(type, { bubbles: true }));
    }
  });
}

/**
 * Puts what the user entered in `replaced` (the forms of the content a new session's tree took
 * the place of, read by {@link formsOf} before it left) into the matching forms under `root`:
 * {@link saveForms} then {@link restoreForms}, in the runtime's second module, so that pages
 * without forms never load them.
 *
 * @example recoverForms(view, replacedForms, edited)
 */
export function recoverForms(
  root: Element,
  replaced: readonly FormFields[],
  edited?: WeakSet<Element>,
): void {
  restoreForms(root, saveForms(replaced, edited));
}

/** The input types whose state is `checked` rather than `value`. */
export const CHECKABLE: RegExp = /^(checkbox|radio)$/;

/**
 * Calls `visit` for each named field of `forms` (files and buttons aside), with
 * the key that matches it to the same field of another render: its form by `#id`, or by index
 * among the forms when it has none; a checkbox or radio by name and value, any other field by
 * name and position among the fields of that name. States are strings: the value, "1" or "" for
 * checked, a select's selected values joined by newlines.
 */
function forEachField(
  forms: readonly FormFields[],
  visit: (key: string, field: Field, state: string, initial: string) => void,
): void {
  forms.forEach(([form, fields], index) => {
    const seen: Record<string, number> = {};
    for (const field of fields as Field[]) {
      const { name, type, value, options } = field;
      if (!name || /^(file|submit|button|reset|image)$/.test(type)) continue;
      const checkable = CHECKABLE.test(type);
      seen[name] = (seen[name] ?? 0) + 1;
      const state = (initial?: boolean) =>
        options
          ? [...options]
              .filter((option) => (initial ? option.hasAttribute("selected") : option.selected))
              .map((option) => option.value)
              .join("\n")
          : checkable
            ? (initial ? field.hasAttribute("checked") : field.checked)
              ? "1"
              : ""
            : initial
              ? field.defaultValue
              : value;
      const formKey = form.id ? `#${form.id}` : index;
      visit(`${formKey} ${name} ${checkable ? value : seen[name]}`, field, state(), state(true));
    }
  });
}
