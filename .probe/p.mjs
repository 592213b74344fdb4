import { Window } from "happy-dom";

const w = new Window();
const d = w.document;
const show = (html) => {
  const c = d.createElement("div");
  c.innerHTML = html;
  const walk = (n, ind = "") => {
    for (const ch of n.childNodes) {
      console.log(
        ind +
          (ch.nodeType === 3
            ? JSON.stringify(ch.data)
            : ch.localName +
              " " +
              ch.namespaceURI.split("/").pop() +
              " " +
              [...ch.attributes]
                .map((a) => a.name + "=" + a.value + "(" + a.namespaceURI + ")")
                .join(",")),
      );
      if (ch.nodeType === 1) walk(ch, ind + "  ");
    }
  };
  console.log("== " + html);
  walk(c);
};
show('<svg viewBox="0 0 1 1"><g><div>x</div></g><foreignObject><div>h</div></foreignObject></svg>');
show("<svg><title><br></br></title></svg>");
show("<math><mi><br></br></mi></math>");
show("<p>a</p><p></p>");
show("<ul><li>a<li>b</li></ul>");
show("<span>a</span>b<b>c</b>");
show('<div title="a&amp;b &lt;">&lt;&amp;&gt;</div>');
show("<svg><g></g></svg>");
show("<svg><raw>x</raw><style>a&amp;b</style></svg>");
show("<p><div>x</div></p>");
show("<button><button>x</button></button>");
show('<svg><g id="x" data-X="1"/></svg>');
