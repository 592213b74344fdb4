import { app, html, on, type SubmitPayload } from "@lucent/server";

export interface Post {
  readonly id: number;
  readonly name: string;
  readonly text: string;
}

export interface ChatModel {
  readonly posts: readonly Post[];
  readonly nextId: number;
  readonly online: number;
}

export type ChatMsg =
  | { type: "post"; name: string; text: string }
  | { type: "joined" }
  | { type: "left" };

const KEEP = 100;
const MAX_LENGTH = 500;

/** A chat room: one runtime shared by every connection, so everyone sees every post. */
export const chat = app({
  init: (): ChatModel => ({ posts: [], nextId: 1, online: 0 }),
  update(model: ChatModel, msg: ChatMsg): ChatModel {
    switch (msg.type) {
      case "joined":
        return { ...model, online: model.online + 1 };
      case "left":
        return { ...model, online: Math.max(0, model.online - 1) };
      case "post": {
        const text = msg.text.trim().slice(0, MAX_LENGTH);
        if (text === "") return model;
        const post = { id: model.nextId, name: msg.name.trim().slice(0, 40) || "anonymous", text };
        return { ...model, posts: [...model.posts, post].slice(-KEEP), nextId: model.nextId + 1 };
      }
    }
  },
  view: (model) => (
    <main class="chat">
      <h1>Chat</h1>
      <p class="online">{model.online === 1 ? "1 person here" : `${model.online} people here`}</p>
      <ul class="posts">
        {/* A template per post: posts already shown are kept unbuilt when someone writes. */}
        {model.posts.map((post) => html`<li key=${post.id}><b>${post.name}</b> ${post.text}</li>`)}
      </ul>
      <form onSubmit={on(toPost, { clear: ["text"] })}>
        <input name="name" placeholder="name" aria-label="name" maxlength={40} />
        <input
          name="text"
          placeholder="say something"
          aria-label="message"
          maxlength={MAX_LENGTH}
          autocomplete="off"
        />
        <button type="submit">send</button>
      </form>
    </main>
  ),
  onConnect: () => ({ type: "joined" }),
  onDisconnect: () => ({ type: "left" }),
});

function toPost(payload: SubmitPayload): ChatMsg {
  const field = (name: string) => payload.formData.find(([key]) => key === name)?.[1] ?? "";
  return { type: "post", name: field("name"), text: field("text") };
}
