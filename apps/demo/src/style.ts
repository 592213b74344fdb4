/** The demo's stylesheet: enough to be pleasant, and to show the connection state. */
export const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 40rem; padding: 0 1rem; color: #1d1d1f; }
button { font: inherit; padding: .25rem .8rem; border-radius: .4rem; border: 1px solid #999; background: #fff; cursor: pointer; }
button:disabled { opacity: .4; cursor: default; }
.counter output { display: inline-block; min-width: 3ch; text-align: center; font-size: 2rem; vertical-align: middle; margin: 0 .6rem; }
.quiet { border-color: transparent; color: #666; }
.posts { list-style: none; padding: 0; min-height: 6rem; }
.posts li { padding: .2rem 0; border-bottom: 1px solid #eee; }
form { display: flex; gap: .5rem; }
input { font: inherit; padding: .25rem .5rem; }
input[name=text] { flex: 1; }
.list li.done label { text-decoration: line-through; color: #888; }
.filters { display: flex; gap: .4rem; align-items: center; }
.filters [aria-pressed=true] { background: #eef; }
aside.page { color: #555; margin-bottom: 1rem; }
[lucent-pending] { cursor: progress; }
lucent-view { display: block; transition: opacity .2s; }
lucent-view[state=connecting], lucent-view[state=disconnected] { opacity: .5; }
`;
