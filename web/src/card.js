// The event card: fused values, independent chains, the reconciled range as an interval chart,
// contradictions, and every supporting report side by side with its exact spans highlighted.
import { select } from "d3-selection";
import { scaleLinear, scaleLog } from "d3-scale";
import { axisBottom } from "d3-axis";
import { el, clear, fmtNumber, fmtRange } from "./dom.js";
import { CHAIN_COLORS } from "./colors.js";

const SVG_NS = "http://www.w3.org/2000/svg";

export function renderCard(root, detail) {
  clear(root);
  const s = detail.summary;
  const ev = detail.event;
  root.append(
    el("header", { class: "card-head" },
      el("h2", { id: "card-title", text: `${s.event_type}${s.sub_event_type ? " — " + s.sub_event_type : ""}` }),
      el("p", { class: "card-meta", text: [s.location, s.admin1, s.country].filter(Boolean).join(", ") || "place unknown" }),
      el("p", { class: "card-meta", text: `${s.start ?? "undated"}${s.end && s.end !== s.start ? " to " + s.end : ""} · ` +
        `${s.independent_sources} independent source chain${s.independent_sources === 1 ? "" : "s"} · ` +
        `${s.claims} claim${s.claims === 1 ? "" : "s"} · confidence ${Math.round(s.confidence * 100)}%` }),
      el("button", { type: "button", class: "close", id: "card-close", "aria-label": "close", text: "×" }),
    ),
  );
  if (ev.record) {
    root.append(el("p", { class: "card-record", text: "A record of past happenings (every figure is background, no claim tells news): not counted as a new event by the alerts." }));
  }
  root.append(fieldsTable(ev));
  const magnitude = s.magnitude;
  if (magnitude) root.append(rangeChart(magnitude, detail));
  if (ev.contradictions && ev.contradictions.length) root.append(contradictions(ev, detail));
  root.append(chains(detail));
  root.append(reports(detail));
  if (detail.audit && detail.audit.length) {
    root.append(el("section", { class: "audit" }, el("h3", { text: "Analyst edits" }),
      el("ul", {}, detail.audit.map((a) => el("li", { text: `${a.at} ${a.actor}: ${a.action}${a.note ? " — " + a.note : ""}` })))));
  }
}

function fieldsTable(ev) {
  const rows = ev.fields.map((f) => el("tr", {},
    el("th", { text: f.name }),
    el("td", { text: f.low !== null || f.high !== null || f.best !== null ? fmtRange(f) : f.value === null ? "" : JSON.stringify(f.value) }),
    el("td", { class: "claim-ids", text: f.claim_ids.join(", ") }),
  ));
  return el("section", { class: "fields" }, el("h3", { text: "Fused values" }),
    rows.length ? el("table", { id: "fields-table" }, el("thead", {}, el("tr", {}, el("th", { text: "field" }),
      el("th", { text: "value" }), el("th", { text: "claims" }))), el("tbody", {}, rows)) : el("p", { text: "No fused values." }));
}

function quantityRows(magnitude, detail) {
  const rows = [];
  for (const c of detail.claims) {
    for (const q of c.quantities) {
      // background and round-up figures are true but not of this event: fusion leaves them out, so does the chart
      if (q.kind !== magnitude.name || (q.scope ?? "event") !== "event") continue;
      rows.push({ label: shorten(c.outlet ?? c.document_id.slice(0, 8), 24), low: q.low, high: q.high, best: q.best,
        chain: c.chain, open: q.high === null });
    }
  }
  return rows;
}

function shorten(text, n) {
  return text.length > n ? text.slice(0, n - 1) + "…" : text;
}

function rangeChart(magnitude, detail) {
  const rows = quantityRows(magnitude, detail);
  rows.push({ label: "fused", low: magnitude.low, high: magnitude.high, best: magnitude.best, chain: null, fused: true,
    open: magnitude.high === null });
  const values = rows.flatMap((r) => [r.low, r.high, r.best]).filter((v) => v !== null && v !== undefined);
  const lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) hi = lo + 1;
  const width = 520, rowH = 26, m = { top: 8, right: 24, bottom: 26, left: 170 };
  const height = m.top + m.bottom + rows.length * rowH;
  const useLog = lo > 0 && hi / lo > 20;
  const x = (useLog ? scaleLog() : scaleLinear()).domain([useLog ? lo : Math.min(0, lo), hi * 1.05]).range([m.left, width - m.right]).nice();
  const svg = document.createElementNS(SVG_NS, "svg");
  const s = select(svg).attr("id", "range-chart").attr("viewBox", `0 0 ${width} ${height}`).attr("width", "100%")
    .attr("role", "img").attr("aria-label", `${magnitude.name}: reported ranges and the reconciled range`);
  rows.forEach((r, i) => {
    const y = m.top + i * rowH + rowH / 2;
    const color = r.fused ? "#111" : CHAIN_COLORS[(r.chain ?? 0) % CHAIN_COLORS.length];
    s.append("text").attr("class", r.fused ? "range-label fused" : "range-label").attr("x", m.left - 6).attr("y", y + 4)
      .attr("text-anchor", "end").text(r.label);
    const x1 = x(Math.max(r.low, x.domain()[0]));
    const x2 = r.high === null || r.high === undefined ? width - m.right : x(r.high);
    s.append("line").attr("class", r.fused ? "range-interval fused" : "range-interval").attr("x1", x1).attr("x2", Math.max(x2, x1 + 2))
      .attr("y1", y).attr("y2", y).attr("stroke", color).attr("stroke-width", r.fused ? 8 : 6).attr("stroke-linecap", "round")
      .attr("stroke-dasharray", r.open ? "4 3" : null);
    if (r.best !== null && r.best !== undefined) {
      s.append("circle").attr("class", "range-best").attr("cx", x(r.best)).attr("cy", y).attr("r", 5)
        .attr("fill", "#fff").attr("stroke", color).attr("stroke-width", 2);
    }
  });
  s.append("g").attr("class", "axis").attr("transform", `translate(0,${height - m.bottom})`)
    .call(axisBottom(x).ticks(4, useLog ? "~s" : "~s"));
  return el("section", { class: "range" },
    el("h3", { text: `Reconciled range: ${magnitude.name} ${fmtRange(magnitude)}` }), svg,
    el("p", { class: "hint", text: "Bars: each report's interval (dashed: open upper bound); dot: its best figure; black: the fused range." }));
}

function contradictions(ev, detail) {
  return el("section", { class: "contradictions", id: "contradictions" },
    el("h3", { text: "Contradictions" }),
    el("ul", {}, ev.contradictions.map((c) => el("li", {},
      el("strong", { text: c.field }), ": ",
      el("span", { class: "side", text: `${JSON.stringify(c.left)} (${c.left_claim_ids.join(", ")})` }), " vs. ",
      el("span", { class: "side", text: `${JSON.stringify(c.right)} (${c.right_claim_ids.join(", ")})` }),
      c.note ? el("span", { class: "note", text: ` — ${c.note}` }) : null))));
}

/** Why an echo joined a chain, with its words: "a U.S. newspaper" = The Northern Ledger, same
 * figure 15,000–20,000 escaped ("15,000 to 20,000" here, "Between 15,000 and 20,000" there). */
function echoItem(e) {
  const words = (spans) => (spans ?? []).map((s) => s && s.quote).filter(Boolean).map((q) => `“${q}”`).join(", ");
  const cited = e.cited_span && e.cited_span.quote ? e.cited_span.quote : e.cited;
  const here = words(e.figure_spans), there = words(e.target_figure_spans);
  return el("li", { class: "echo", "data-claim-id": e.claim_id,
    title: `claim ${e.claim_id} echoes claim ${e.target_id}` },
    `echo: “${cited}” (claim ${e.claim_id}) taken to be ${e.outlet} (claim ${e.target_id}), same figure ${e.figure}`,
    here || there ? ` — ${here || "?"} here, ${there || "?"} there` : "");
}

function chains(detail) {
  const echoes = detail.echoes ?? [];
  const context = detail.claims.filter((c) => c.chain == null);  // in no chain: context claims
  return el("section", { class: "chains", id: "chains" },
    el("h3", { text: `Independent source chains (${detail.chains.length})` }),
    el("ol", {}, detail.chains.map((ch) => {
      const own = echoes.filter((e) => ch.claim_ids.includes(e.claim_id));
      return el("li", { "data-chain": ch.index },
        el("span", { class: `chain-swatch chain-${ch.index % CHAIN_COLORS.length}` }),
        el("span", { text: ch.sources.join("; ") || "unattributed" }),
        el("span", { class: "claim-ids", text: ` (${ch.claim_ids.join(", ")})` }),
        own.length ? el("ul", { class: "echoes" }, own.map(echoItem)) : null);
    })),
    context.length ? el("p", { class: "context-claims", id: "context-claims",
      text: `Context, not counted as a chain (background or round-up figures only): ${context.map((c) => c.id).join(", ")}` }) : null);
}

/** The claim's report text with every span marked; overlapping spans nest by splitting segments. */
export function highlighted(text, claim) {
  const base = claim.span;
  const spans = claim.spans.filter((s) => s.role !== "report" && s.start >= base.start && s.end <= base.end && s.end > s.start);
  const cuts = new Set([base.start, base.end]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const p = el("p", { class: "report-text" });
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { p.append(document.createTextNode(piece)); continue; }
    const roles = [...new Set(covering.map((s) => s.role))];
    p.append(el("mark", { class: `span ${roles.map((r) => "span-" + r).join(" ")}`, "data-role": roles.join(" "),
      title: covering.map((s) => `${s.role}: ${s.label}`).join("\n"), text: piece }));
  }
  return p;
}

/** A place span outside the claim's sentence: a place the claim takes from another sentence of its
 * report (a reaction placed where the report tells its happening; the earlier name of "the camp"). */
export function isBorrowed(claim, span) {
  return span.role === "place" && span.end > span.start && (span.start < claim.span.start || span.end > claim.span.end);
}

/** Where a sentence around [start, end) begins and ends: at a line break or a full stop before a space. */
function sentenceAround(text, start, end) {
  let a = start;
  while (a > 0 && text[a - 1] !== "\n" && !(/[.!?]/.test(text[a - 1]) && /\s/.test(text[a] ?? "") && a < start)) a--;
  let b = end;
  while (b < text.length && text[b] !== "\n" && !(/[.!?]/.test(text[b]) && /\s|^$/.test(text[b + 1] ?? ""))) b++;
  if (b < text.length && text[b] !== "\n") b++;
  while (a < start && /\s/.test(text[a])) a++;
  return [a, b];
}

/** The places a claim takes from other sentences, each in its own sentence with its words marked
 * and said to come from there: the sentence view above cannot mark a span it does not hold. */
export function borrowedPlaces(text, claim) {
  const spans = claim.spans.filter((s) => isBorrowed(claim, s));
  if (!spans.length) return null;
  return el("div", { class: "borrowed-places" }, spans.map((s) => {
    const [a, b] = sentenceAround(text, s.start, s.end);
    return el("p", { class: "report-text borrowed-place", title: "the place this claim takes from another sentence of the report" },
      text.slice(a, s.start),
      el("mark", { class: "span span-place borrowed", "data-role": "place", title: `place: ${s.label} (from another sentence)`,
        text: text.slice(s.start, s.end) }),
      text.slice(s.end, b),
      el("span", { class: "borrowed-note", text: " (from another sentence)" }));
  }));
}

const SCOPE_NAMES = { background: "background", tally: "round-up" };
const LEGEND_TITLES = { scope: "words that make a figure background or a round-up, not this event's own toll" };

/** One figure of a claim: "killed 9 (exact)", and for a figure that is not the event's own the
 * scope and the words that show it: "killed 301+ (more_than; background: since 2012)". */
function quantityText(q, doc) {
  const base = `${q.kind} ${fmtRange({ low: q.low, high: q.high, best: q.best })}`;
  const scope = q.scope ?? "event";
  if (scope === "event") return el("span", { class: "quantity", text: `${base} (${q.qualifier})` });
  const words = q.scope_span && doc && doc.text ? doc.text.slice(q.scope_span.start, q.scope_span.end) : "";
  return el("span", { class: `quantity scoped scope-${scope}`, "data-scope": scope,
    title: "not counted in this event's toll",
    text: `${base} (${q.qualifier}; ${SCOPE_NAMES[scope] ?? scope}${words ? ": " + words : ""})` });
}

function reports(detail) {
  const docs = new Map(detail.documents.map((d) => [d.id, d]));
  const columns = detail.claims.map((c) => {
    const doc = docs.get(c.document_id);
    const quantities = c.quantities.map((q) => quantityText(q, doc));
    // a claim in no chain is context (its figures are background only): shown, not counted, and
    // drawn in no chain's colour
    const inChain = c.chain !== null && c.chain !== undefined;
    const where = inChain ? `chain ${c.chain + 1}` : "context";
    const border = inChain ? `chain-border-${c.chain % CHAIN_COLORS.length}` : "report-context";
    return el("article", { class: `report ${border}`, "data-claim-id": c.id },
      el("h4", { text: doc ? doc.title ?? "(untitled)" : c.document_id }),
      el("p", { class: "report-meta", text: `${doc?.outlet ?? "unknown outlet"}${doc?.published ? " · " + doc.published.slice(0, 10) : ""} · ${where} · claim ${c.id}` }),
      c.attribution ? el("p", { class: "report-chain", text: "Source: " + c.attribution.chain.map((s) => s.name).join(" ← ") }) : null,
      quantities.length ? el("p", { class: "report-numbers" }, quantities.flatMap((q, i) => (i ? ["; ", q] : [q]))) : null,
      doc && doc.text ? highlighted(doc.text, c) : el("p", { text: "(report text not available)" }),
      doc && doc.text ? borrowedPlaces(doc.text, c) : null,
      doc && doc.url ? el("p", { class: "report-url" }, el("a", { href: doc.url, rel: "noopener noreferrer nofollow", target: "_blank", text: doc.url })) : null,
    );
  });
  return el("section", { class: "reports", id: "reports" },
    el("h3", { text: "Supporting reports" }),
    el("div", { class: "legend" }, ["quantity", "actor", "place", "time", "source", "cue", "trigger", "scope"].map((r) =>
      el("mark", { class: `span span-${r}`, text: r, title: LEGEND_TITLES[r] ?? r }))),
    el("div", { class: "report-columns" }, columns));
}
