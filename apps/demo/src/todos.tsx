import { app, emit, type InputPayload, js, on, pushUrl, task } from "@lucent/server";

/**
 * A todo list that shows what real apps need from a server-driven UI: a controlled input the
 * server normalises, key filters, state in the URL (back and forward work), a title that follows
 * the model, a slow action with a pending state, client-side commands, a page-owned region drawn
 * by a client hook, and messages to and from page JavaScript.
 */

export type Filter = "all" | "active" | "done";

export interface Todo {
  readonly id: number;
  readonly text: string;
  readonly done: boolean;
}

export interface TodosModel {
  readonly todos: readonly Todo[];
  readonly nextId: number;
  readonly draft: string;
  readonly filter: Filter;
  readonly owner: string;
  readonly saving: boolean;
  readonly saves: number;
}

export type TodosMsg =
  | { type: "typed"; value: string }
  | { type: "add" }
  | { type: "cancel" }
  | { type: "toggle"; id: number }
  | { type: "remove"; id: number }
  | { type: "clear-done" }
  | { type: "filter"; filter: Filter }
  | { type: "url"; url: string }
  | { type: "owner"; name: string | null }
  | { type: "save" }
  | { type: "saved" };

const MAX_LENGTH = 60;
const FILTERS: readonly Filter[] = ["all", "active", "done"];

/** The filter a URL asks for (`?filter=done`), "all" otherwise. */
export function filterOf(url: string): Filter {
  const wanted = new URL(url, "http://localhost").searchParams.get("filter");
  return FILTERS.find((f) => f === wanted) ?? "all";
}

/** What the server keeps of typed text: no leading spaces, single spaces, at most 60 characters. */
export function normalise(text: string): string {
  return text.replace(/^\s+/, "").replace(/\s+/g, " ").slice(0, MAX_LENGTH);
}

const left = (model: TodosModel) => model.todos.filter((t) => !t.done).length;

function changed(model: TodosModel): readonly [TodosModel, ReturnType<typeof emit>] {
  return [model, emit("todos-changed", { left: left(model), total: model.todos.length })];
}

export const todos = app({
  init: (url: string): TodosModel => ({
    todos: [
      { id: 1, text: "Try the back button after changing the filter", done: false },
      { id: 2, text: "Type two spaces in a row below", done: false },
    ],
    nextId: 3,
    draft: "",
    filter: filterOf(url),
    owner: "",
    saving: false,
    saves: 0,
  }),

  update(model: TodosModel, msg: TodosMsg) {
    switch (msg.type) {
      case "typed":
        return { ...model, draft: normalise(msg.value) };
      case "cancel":
        return { ...model, draft: "" };
      case "add": {
        const text = model.draft.trim();
        if (text === "") return model;
        return changed({
          ...model,
          todos: [...model.todos, { id: model.nextId, text, done: false }],
          nextId: model.nextId + 1,
          draft: "",
        });
      }
      case "toggle":
        return changed({
          ...model,
          todos: model.todos.map((t) => (t.id === msg.id ? { ...t, done: !t.done } : t)),
        });
      case "remove":
        return changed({ ...model, todos: model.todos.filter((t) => t.id !== msg.id) });
      case "clear-done":
        return changed({ ...model, todos: model.todos.filter((t) => !t.done) });
      case "filter":
        return [{ ...model, filter: msg.filter }, pushUrl(`?filter=${msg.filter}`)] as const;
      case "url":
        return { ...model, filter: filterOf(msg.url) };
      case "owner":
        return { ...model, owner: msg.name ?? "" };
      case "save":
        // Stands in for a slow database write; the button stays disabled until it is handled.
        return [
          { ...model, saving: true },
          task(
            () => new Promise<TodosMsg>((done) => setTimeout(() => done({ type: "saved" }), 600)),
          ),
        ] as const;
      case "saved":
        return [
          { ...model, saving: false, saves: model.saves + 1 },
          emit("todos-saved", { saves: model.saves + 1 }),
        ] as const;
    }
  },

  view: (model) => {
    const shown = model.todos.filter(
      (t) => model.filter === "all" || (model.filter === "done") === t.done,
    );
    return (
      <main class="todos">
        <h1>
          {model.owner ? `${model.owner}'s todos` : "Todos"}{" "}
          <button type="button" class="quiet" aria-controls="help" js:click={js.toggle("#help")}>
            ?
          </button>
        </h1>
        <p id="help" hidden>
          Enter adds, Escape clears the field. The filter lives in the URL. The chart below is drawn
          by a client hook in a region the server never patches.
        </p>
        <form onSubmit={{ type: "add" }}>
          <input
            name="draft"
            aria-label="new todo"
            placeholder="What needs doing?"
            autocomplete="off"
            value={model.draft}
            onInput={(e: InputPayload) => ({ type: "typed", value: e.value })}
            onKeyDown={on({ type: "cancel" }, { keys: ["Escape"] })}
          />
          <button type="submit">add</button>
        </form>
        <ul class="list">
          {shown.map((todo) => (
            <li key={todo.id} class={{ done: todo.done }}>
              <label>
                <input
                  type="checkbox"
                  checked={todo.done}
                  onChange={{ type: "toggle", id: todo.id }}
                />{" "}
                {todo.text}
              </label>
              <button
                type="button"
                class="quiet"
                aria-label={`remove ${todo.text}`}
                onClick={{ type: "remove", id: todo.id }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <nav class="filters">
          {FILTERS.map((filter) => (
            <button
              type="button"
              aria-pressed={filter === model.filter ? "true" : "false"}
              onClick={{ type: "filter", filter }}
            >
              {filter}
            </button>
          ))}
          <span class="left">{left(model) === 1 ? "1 left" : `${left(model)} left`}</span>
          <button type="button" class="quiet" onClick={{ type: "clear-done" }}>
            clear done
          </button>
        </nav>
        <p>
          <button
            type="button"
            class="save"
            disabled={model.saving}
            onClick={on({ type: "save" }, { disableWhilePending: true })}
          >
            {model.saving ? "saving…" : "save"}
          </button>{" "}
          <span class="saves">saved {model.saves} times</span>
        </p>
        <div
          lucent-ignore
          lucent-hook="bars"
          class="bars"
          data-values={model.todos.map((t) => (t.done ? 1 : 0)).join(",")}
        >
          <canvas width="240" height="24" />
        </div>
      </main>
    );
  },

  title: (model) => `${left(model)} left · Todos`,
  attributes: { owner: (name) => ({ type: "owner", name }) },
  onUrlChange: (url) => ({ type: "url", url }),
  onMessage: (name) => (name === "clear-done" ? { type: "clear-done" } : undefined),
});
