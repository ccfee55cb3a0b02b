// Search over the articles, the timeline's events, the quotations and the people, with the site's
// own Pagefind index: nothing is loaded from elsewhere. Results come as the reader types (once
// typing pauses for DELAY ms) and at once on Enter.
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const root = form.dataset.root;
const DELAY = 200;
const SHOWN = 20;
// The entries (events, quotes, people) are short, so a word common to the story ("Anthropic")
// scores higher in them than in any article: their scores are scaled down, and they come first
// only for the words they are about ("Glasswing", "Paz").
const ENTRIES_WEIGHT = 0.2;
let index = null;
let latest = 0; // the number of the last search asked for: an earlier one that ends after it shows nothing
let waiting = 0;
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
// Pagefind would keep the bundles it had merged, and count their pages twice.
function loadIndex() {
  if (!index) {
    index = import(new URL(root + "pagefind/0/pagefind.js", location.href).href).then(async (pagefind) => {
      const merging = [];
      for (let number = 1; number < Number(form.dataset.bundles || 1); number++) {
        const weight = String(number) === form.dataset.entries ? ENTRIES_WEIGHT : 1;
        merging.push(pagefind.mergeIndex(new URL(root + `pagefind/${number}/`, location.href).href,
                                         {indexWeight: weight}));
      }
      await Promise.all(merging);
      return pagefind;
    });
  }
  return index;
}

// A result's place: an article's page, at the passage found; an event, a quotation or a person
// (an entry: see output/search.py) where the site shows it, given from the site's root.
function place(result) {
  if (result.meta.href) return new URL(root + result.meta.href, location.href).href;
  // Pagefind gives an article's address from the site's root (its folder under the host, or the
  // whole address for a merged bundle): read against this page's, it is right either way.
  return new URL(result.url, location.href).href + passage(result.excerpt);
}

function resultItem(result) {
  const item = document.createElement("li");
  const kind = result.meta.kind || "Article";
  item.className = "result kind-" + kind.toLowerCase();
  const label = document.createElement("span");
  label.className = "result-kind";
  const detail = result.meta.detail || result.meta.outlet;
  label.textContent = detail ? `${kind} · ${detail}` : kind;
  const link = document.createElement("a");
  link.href = place(result);
  link.textContent = result.meta.title || result.url;
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(result.excerpt));
  item.append(label, link, excerpt);
  return item;
}

async function search(query) {
  const number = ++latest;
  const pagefind = await loadIndex();
  const found = await pagefind.search(query);
  if (number !== latest) return;
  const results = await Promise.all(found.results.slice(0, SHOWN).map((result) => result.data()));
  if (number !== latest) return;
  list.replaceChildren(...results.map(resultItem));
  const count = found.results.length;
  status.textContent = count
    ? `${count} result${count === 1 ? "" : "s"} found for “${query}”${count > SHOWN ? `, the first ${SHOWN} shown` : ""}.`
    : `Nothing found for “${query}”.`;
}

// Searches now, and puts the words in the address, so the page can be shared or reloaded.
function run() {
  clearTimeout(waiting);
  const query = input.value.trim();
  history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
  if (!query) {
    latest++;
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  search(query).catch(() => { status.textContent = "Search could not load its index."; });
}

input.addEventListener("input", () => {
  clearTimeout(waiting);
  loadIndex().catch(() => {}); // while the reader types: the first results need not wait for it
  waiting = setTimeout(run, DELAY);
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run();
}
