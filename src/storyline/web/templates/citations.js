// Clicking a citation shows the cited sentence under the sentence that cites it, with
// the outlet and a link to the article; clicking it again hides it. Text is set with
// textContent only, never parsed as HTML.
(function () {
  "use strict";
  function outletOf(article) {
    for (const row of document.querySelectorAll("tr[data-article]")) {
      if (row.dataset.article === article) return row.dataset.outlet || "unknown outlet";
    }
    return "unknown outlet";
  }
  function slice(text, start, end) {
    // Offsets count code points (Python str), not UTF-16 units.
    return Array.from(text).slice(start, end).join("");
  }
  async function citedText(link) {
    if (link.hasAttribute("title")) return link.getAttribute("title");
    const response = await fetch("/api/articles/" + encodeURIComponent(link.dataset.article));
    if (!response.ok) return "(the cited article is not in this store)";
    const article = await response.json();
    return slice(article.text, Number(link.dataset.start), Number(link.dataset.end));
  }
  async function reveal(link) {
    const key = [link.dataset.article, link.dataset.start, link.dataset.end].join(":");
    const host = link.closest("p, li") || link.parentElement;
    const open = host.querySelector(':scope > .reveal[data-key="' + CSS.escape(key) + '"]');
    if (open) {
      open.remove();
      link.classList.remove("open");
      link.setAttribute("aria-expanded", "false");
      return;
    }
    const box = document.createElement("span");
    box.className = "reveal";
    box.dataset.key = key;
    box.setAttribute("role", "note");
    const quote = document.createElement("q");
    quote.className = "cited-text";
    quote.textContent = await citedText(link);
    const source = document.createElement("span");
    source.className = "source";
    source.append("[" + link.textContent + "] " + outletOf(link.dataset.article) + " · ");
    const more = document.createElement("a");
    const sentence = link.dataset.sentence;
    more.href = "/articles/" + encodeURIComponent(link.dataset.article) +
      (sentence === undefined ? "" : "#s-" + sentence);
    more.textContent = "read it in the article";
    source.append(more);
    box.append(quote, source);
    host.append(box);
    link.classList.add("open");
    link.setAttribute("aria-expanded", "true");
  }
  document.addEventListener("click", function (event) {
    const link = event.target.closest("sup.cite a[data-article]");
    if (!link) return;
    event.preventDefault();
    reveal(link);
  });
})();
