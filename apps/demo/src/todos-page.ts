/**
 * The page around the todos view: plain page JavaScript talking to the component. It draws the
 * chart through a client hook, shows the `todos-changed` events the app emits, sets the view's
 * `owner` attribute (which the app observes), and sends the app a message.
 */
export const TODOS_PAGE_SCRIPT = `<script type="module">
const View = customElements.get("lucent-view");
function draw(el) {
  const canvas = el.querySelector("canvas");
  const values = (el.dataset.values || "").split(",").filter(Boolean).map(Number);
  const ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const width = canvas.width / Math.max(values.length, 1);
  values.forEach((done, i) => {
    ctx.fillStyle = done ? "#2a7" : "#ccc";
    ctx.fillRect(i * width + 1, 2, width - 2, canvas.height - 4);
  });
  el.setAttribute("data-drawn", String(values.length));
}
View.defineHook("bars", { mounted: draw, updated: draw });
const view = document.querySelector("lucent-view");
document.addEventListener("todos-changed", (event) => {
  document.getElementById("status").textContent = event.detail.left + " left of " + event.detail.total;
});
document.getElementById("owner").addEventListener("input", (event) => view.setAttribute("owner", event.target.value));
document.getElementById("clear").addEventListener("click", () => view.send("clear-done"));
</script>`;

/** Controls outside the component, owned by the page. */
export const TODOS_PAGE_ASIDE = `<aside class="page"><label>owner (page input) <input id="owner" autocomplete="off"></label> <button type="button" id="clear">clear done from page JS</button> <output id="status"></output></aside>`;
