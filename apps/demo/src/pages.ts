import { type Lucent, renderDocument } from "@lucent/server";
import { chat } from "./chat.tsx";
import { controls } from "./controls.tsx";
import { counter } from "./counter.tsx";
import { STYLE } from "./style.ts";
import { todos } from "./todos.tsx";
import { TODOS_PAGE_ASIDE, TODOS_PAGE_SCRIPT } from "./todos-page.ts";

const HEAD = `<style>${STYLE}</style>`;

/** The demo's two apps, the same on every adapter. */
export function addDemoPages(lucent: Lucent): void {
  lucent.page("/counter", { app: counter, title: "Counter · Lucent", head: HEAD });
  lucent.page("/chat", { app: chat, shared: true, title: "Chat · Lucent", head: HEAD });
  lucent.page("/controls", { app: controls, title: "Form controls · Lucent", head: HEAD });
  lucent.page("/todos", {
    app: todos,
    flags: (info) => info.url,
    head: HEAD + TODOS_PAGE_SCRIPT,
    document: (parts) => renderDocument({ ...parts, view: TODOS_PAGE_ASIDE + parts.view }),
  });
}

/** The landing page at `/`, which each host serves its own way. */
export const LANDING_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lucent demo</title>${HEAD}</head><body><main><h1>Lucent demo</h1><ul><li><a href="/counter">Counter</a>: one runtime per visitor</li><li><a href="/chat">Chat</a>: one runtime shared by everyone; open it in two windows</li><li><a href="/controls">Form controls</a>: selects, radios, textareas, focus and window keys</li><li><a href="/todos">Todos</a>: forms, URL state, pending states, client-side commands, a client hook, page events</li></ul></main></body></html>`;

/** For fetch-style hosts (Bun, Deno): the landing page, an empty favicon, and 404 for the rest. */
export function landing(request: Request): Response {
  const { pathname } = new URL(request.url);
  if (pathname === "/")
    return new Response(LANDING_PAGE, { headers: { "content-type": "text/html; charset=utf-8" } });
  return new Response(null, { status: pathname === "/favicon.ico" ? 204 : 404 });
}

/** Prints where the demo listens; the browser tests read this line. */
export function announce(url: string, host: string): void {
  console.log(
    `Lucent demo running at ${url} on ${host}; counter: ${url}/counter, chat: ${url}/chat`,
  );
}
