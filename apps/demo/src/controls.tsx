import { app, type InputPayload, on, type SubmitPayload } from "@lucent/server";

/** Every kind of form control and the events around them, echoed back by the server. */

export interface ControlsModel {
  readonly plan: string;
  readonly size: string;
  readonly tags: readonly string[];
  readonly notes: string;
  readonly agree: boolean;
  readonly focused: string;
  readonly lastKey: string;
  readonly submitted: readonly (readonly [string, string])[];
}

export type ControlsMsg =
  | { type: "plan" | "size" | "notes"; value: string }
  | { type: "tags"; values: readonly string[] }
  | { type: "agree"; checked: boolean }
  | { type: "focus"; field: string }
  | { type: "key"; key: string }
  | { type: "submit"; data: SubmitPayload["formData"] };

const TAGS = ["red", "green", "blue"];

const echo = (type: "plan" | "size" | "notes") => (e: InputPayload) =>
  ({ type, value: e.value }) as const;

export const controls = app({
  init: (): ControlsModel => ({
    plan: "free",
    size: "m",
    tags: [],
    notes: "",
    agree: false,
    focused: "",
    lastKey: "",
    submitted: [],
  }),
  update(model: ControlsModel, msg: ControlsMsg): ControlsModel {
    switch (msg.type) {
      case "plan":
      case "size":
      case "notes":
        return { ...model, [msg.type]: msg.value };
      case "tags":
        return { ...model, tags: msg.values };
      case "agree":
        return { ...model, agree: msg.checked };
      case "focus":
        return { ...model, focused: msg.field };
      case "key":
        return { ...model, lastKey: msg.key };
      case "submit":
        return { ...model, submitted: msg.data };
    }
  },
  view: (model) => (
    // JSX names take one colon, so a window binding is spread in.
    <main
      class="controls"
      {...{
        "on:window:keydown": on((e) => ({ type: "key", key: String(e.key) }), {
          keys: ["?", "Escape"],
        }),
      }}
    >
      <h1>Form controls</h1>
      <form onSubmit={(e: SubmitPayload) => ({ type: "submit", data: e.formData })}>
        <label>
          plan{" "}
          <select name="plan" onChange={echo("plan")}>
            {["free", "pro", "team"].map((plan) => (
              <option value={plan} selected={plan === model.plan}>
                {plan}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          {["s", "m", "l"].map((size) => (
            <label>
              <input
                type="radio"
                name="size"
                value={size}
                checked={size === model.size}
                onChange={echo("size")}
              />{" "}
              {size}
            </label>
          ))}
        </fieldset>
        <select
          name="tags"
          multiple
          aria-label="tags"
          onChange={(e: InputPayload) => ({ type: "tags", values: e.values ?? [] })}
        >
          {TAGS.map((tag) => (
            <option value={tag} selected={model.tags.includes(tag)}>
              {tag}
            </option>
          ))}
        </select>
        <textarea name="notes" aria-label="notes" onInput={echo("notes")} />
        <label>
          <input
            type="checkbox"
            name="agree"
            checked={model.agree}
            onChange={(e: InputPayload) => ({ type: "agree", checked: e.checked === true })}
          />{" "}
          agree
        </label>
        <input
          name="nick"
          aria-label="nick"
          onFocus={{ type: "focus", field: "nick" }}
          onBlur={{ type: "focus", field: "" }}
        />
        <button type="submit" name="action" value="save">
          save
        </button>
        <button type="submit" name="action" value="draft">
          draft
        </button>
      </form>
      <pre id="echo">
        {JSON.stringify({
          plan: model.plan,
          size: model.size,
          tags: model.tags,
          notes: model.notes,
          agree: model.agree,
          focused: model.focused,
          lastKey: model.lastKey,
        })}
      </pre>
      <pre id="submitted">{JSON.stringify(model.submitted)}</pre>
    </main>
  ),
});
