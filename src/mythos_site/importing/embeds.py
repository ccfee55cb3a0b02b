"""Posts embedded from social networks: their markup (a blockquote with the network's class and a
script that draws it) made a plain block quote of the post's text and its attribution line."""

from __future__ import annotations

from copy import deepcopy

EMBED_CLASSES = {"twitter-tweet", "twitter-video", "bluesky-embed", "mastodon-embed", "instagram-media",
                 "tiktok-embed", "text-post-media", "threads-embed"}


def plain_embeds(root) -> int:
    """Rewrite every embedded post in the page as a plain quote, its script left out; the number rewritten."""
    count = 0
    for quote in list(root.iter("blockquote")):
        if not EMBED_CLASSES & set((quote.get("class") or "").split()):
            continue
        script = quote.getnext()
        if script is not None and script.tag == "script":
            quote.tail = (quote.tail or "") + (script.tail or "")
            script.getparent().remove(script)
        quote.getparent().replace(quote, _plain(quote))
        count += 1
    return count


def _plain(quote):
    """The post's paragraphs, then its attribution ("— Name (@handle) date", with the link to the
    post), each a paragraph of a plain blockquote."""
    plain = quote.makeelement("blockquote", {})
    paragraphs = list(quote.iter("p"))
    for paragraph in paragraphs:
        copy = deepcopy(paragraph)
        copy.attrib.clear()
        copy.tail = None
        plain.append(copy)
    # The attribution is what follows the post's last paragraph inside the quote: its tail and
    # the elements after it (the links to the author and to the post).
    last = next((p for p in reversed(paragraphs) if p.getparent() is quote), None)
    after = [node for node in last.itersiblings() if node.tag not in ("script", "p")] if last is not None else []
    if last is not None and ((last.tail or "").strip() or after):
        attribution = plain.makeelement("p", {})
        attribution.text = last.tail
        attribution.extend(deepcopy(node) for node in after)
        plain.append(attribution)
    plain.tail = quote.tail
    return plain
