// Search over the articles with the site's own Pagefind index: nothing is loaded from elsewhere.
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const root = form.dataset.root;
let index = null;
status.textContent = "";

// Pagefind's excerpt is HTML: the page's text, escaped, with the matched words in <mark>. It is
// read in a document of its own (inert: nothing in it loads or runs) and shown as text and marks.
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html").body.childNodes;
  return Array.from(parsed, (node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

// The first matched words of the excerpt, so the link can land on the passage (a text fragment).
// The excerpt is HTML, so its entities are read first; "-", "," and "&" have a meaning of their
// own in a text fragment, and encodeURIComponent leaves "-" as it is.
function passage(excerpt) {
  const match = excerpt.match(/<mark>([^<]+)<\/mark>/);
  if (!match) return "";
  const words = new DOMParser().parseFromString(match[1], "text/html").documentElement.textContent;
  return "#:~:text=" + encodeURIComponent(words).replace(/-/g, "%2D");
}

// The index comes in bundles (pagefind/0/, pagefind/1/, ...): the first loads, the others merge into
// it, all at once rather than one after another (a round trip each). Loaded once, by the first
// search; a search made while it loads waits for the same load. A failed load is not tried again:
// Pagefind would keep the bundles it had merged, and count their articles twice.
function loadIndex() {
  if (!index) {
    index = import(new URL(root + "pagefind/0/pagefind.js", location.href).href).then(async (pagefind) => {
      const merging = [];
      for (let number = 1; number < Number(form.dataset.bundles || 1); number++) {
        merging.push(pagefind.mergeIndex(new URL(root + `pagefind/${number}/`, location.href).href));
      }
      await Promise.all(merging);
      return pagefind;
    });
  }
  return index;
}

async function search(query) {
  const pagefind = await loadIndex();
  const found = await pagefind.search(query);
  const results = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
  list.innerHTML = "";
  for (const result of results) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    // Pagefind gives each result's address from the site's root (its folder under the host, or
    // the whole address for a merged bundle): read against this page's, it is right either way.
    link.href = new URL(result.url, location.href).href + passage(result.excerpt);
    link.textContent = result.meta.title || result.url;
    const excerpt = document.createElement("p");
    excerpt.append(...excerptNodes(result.excerpt));
    item.append(link, excerpt);
    list.append(item);
  }
  status.textContent = results.length
    ? `${found.results.length} article${found.results.length === 1 ? "" : "s"} found for “${query}”.`
    : `Nothing found for “${query}”.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  if (query) {
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    search(query).catch(() => { status.textContent = "Search could not load its index."; });
  }
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  form.requestSubmit();
}
