// The sitroom dashboard: map, timeline, event list and event card over the public REST API.
import { el, clear, getJSON, fmtRange } from "./dom.js";
import { typeColor } from "./colors.js";
import { createMap } from "./map.js";
import { createTimeline, inRange } from "./timeline.js";
import { renderCard } from "./card.js";
import { setupAlerts } from "./alerts.js";

const LIST_MAX = 300;

const state = {
  all: [],          // every GeoJSON feature loaded
  range: null,      // brushed [ms, ms] or null
  type: "",
  minSources: 0,
  text: "",
  searchIds: null,  // Set of event ids from a search, or null
  selected: null,
};

const $ = (id) => document.getElementById(id);

function visible() {
  const text = state.text.toLowerCase();
  return state.all.filter((f) => {
    const p = f.properties;
    if (state.type && p.event_type !== state.type) return false;
    if (p.independent_sources < state.minSources) return false;
    if (state.searchIds && !state.searchIds.has(p.id)) return false;
    if (!inRange(p, state.range)) return false;
    if (text) {
      const hay = [p.event_type, p.sub_event_type, p.location, p.admin1, p.country].filter(Boolean).join(" ").toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  });
}

function renderList(features) {
  const list = clear($("event-list"));
  for (const f of features.slice(0, LIST_MAX)) {
    const p = f.properties;
    const item = el("li", { class: "event-item", "data-event-id": p.id, tabindex: 0, role: "button",
      "aria-selected": p.id === state.selected ? "true" : "false" },
      el("span", { class: `swatch type-swatch` }),
      el("span", { class: "event-title", text: `${p.event_type}${p.sub_event_type ? " — " + p.sub_event_type : ""}` }),
      el("span", { class: "event-meta", text: `${p.start ?? "undated"} · ${p.location ?? "place unknown"}${p.country ? " (" + p.country + ")" : ""}` }),
      el("span", { class: "event-meta", text: `${p.independent_sources} chain${p.independent_sources === 1 ? "" : "s"}` +
        `${p.magnitude ? " · " + p.magnitude.name + " " + fmtRange(p.magnitude) : ""}${p.contradiction ? " · contradiction" : ""}` }),
    );
    item.firstChild.style.backgroundColor = typeColor(p.event_type);
    item.addEventListener("click", () => select(p.id, true));
    item.addEventListener("keydown", (e) => { if (e.key === "Enter") select(p.id, true); });
    list.append(item);
  }
  $("count").textContent = `${features.length} of ${state.all.length} events` +
    (features.length > LIST_MAX ? ` (list shows the first ${LIST_MAX})` : "");
}

let mapView;
let timeline;

function refresh({ timelineToo = false } = {}) {
  const shown = visible();
  mapView.setEvents(shown);
  performance.mark("sitroom:markers");
  renderList(shown);
  performance.mark("sitroom:list");
  if (timelineToo) timeline.render(state.all.filter((f) => !state.searchIds || state.searchIds.has(f.properties.id)));
  performance.mark("sitroom:timeline");
}

async function select(id, fromList = false) {
  state.selected = id;
  for (const li of document.querySelectorAll("#event-list li")) {
    li.setAttribute("aria-selected", li.getAttribute("data-event-id") === id ? "true" : "false");
  }
  const card = $("event-card");
  card.hidden = false;
  clear(card).append(el("p", { class: "loading", text: "Loading…" }));
  document.body.classList.add("with-card");
  try {
    const detail = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    renderCard(card, detail);
    $("card-close").addEventListener("click", closeCard);
    card.setAttribute("data-event-id", id);
    if (fromList) mapView.focus(id);
    mapView.map.invalidateSize();
  } catch (err) {
    clear(card).append(el("p", { class: "error", text: `Could not load the event: ${err.message}` }));
  }
}

function closeCard() {
  state.selected = null;
  const card = $("event-card");
  card.hidden = true;
  card.removeAttribute("data-event-id");
  document.body.classList.remove("with-card");
  mapView.map.invalidateSize();
}

function fillTypes() {
  const types = [...new Set(state.all.map((f) => f.properties.event_type))].sort();
  const sel = $("type-filter");
  for (const t of types) sel.append(el("option", { value: t, text: t }));
}

async function search(q) {
  const status = $("search-status");
  if (!q.trim()) {
    state.searchIds = null;
    status.textContent = "";
    refresh({ timelineToo: true });
    return;
  }
  try {
    const fc = await getJSON(`/api/events.geojson?q=${encodeURIComponent(q)}`);
    state.searchIds = new Set(fc.features.map((f) => f.properties.id));
    status.textContent = `${state.searchIds.size} event${state.searchIds.size === 1 ? "" : "s"} match “${q}”`;
  } catch (err) {
    status.textContent = `Search failed: ${err.message}`;
  }
  refresh({ timelineToo: true });
}

async function start() {
  // Both requests go out at once; the map is built while the events download.
  const eventsRequest = getJSON("/api/events.geojson");
  eventsRequest.catch(() => {});
  const config = await getJSON("/api/config").catch(() => ({}));
  performance.mark("sitroom:config");
  mapView = createMap($("map"), { tileUrl: config.tile_url, onSelect: (id) => select(id) });
  performance.mark("sitroom:map");
  timeline = createTimeline($("timeline"), {
    onBrush: (range) => {
      state.range = range;
      $("range-status").textContent = range
        ? `${new Date(range[0]).toISOString().slice(0, 10)} to ${new Date(range[1]).toISOString().slice(0, 10)}` : "";
      refresh();
    },
  });
  $("type-filter").addEventListener("change", (e) => { state.type = e.target.value; refresh(); });
  $("sources-filter").addEventListener("change", (e) => { state.minSources = Number(e.target.value) || 0; refresh(); });
  $("text-filter").addEventListener("input", (e) => { state.text = e.target.value; refresh(); });
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); search($("search-input").value); });
  $("search-clear").addEventListener("click", () => { $("search-input").value = ""; search(""); });
  try {
    const fc = await eventsRequest;
    performance.mark("sitroom:events");
    state.all = fc.features;
    fillTypes();
    refresh({ timelineToo: true });
    mapView.fitTo(state.all);
    if (fc.truncated) $("count").textContent += " — more events exist than the map loads; narrow with filters";
  } catch (err) {
    $("count").textContent = `Could not load events: ${err.message}`;
  }
  setupAlerts({ button: $("alerts-button"), badge: $("alerts-badge"), panel: $("alerts-panel"),
    onSelect: (id) => { $("alerts-panel").hidden = true; select(id, true); } });
  // Milliseconds from navigation start to a rendered map, timeline and list (read by bench/).
  document.body.setAttribute("data-render-ms", String(Math.round(performance.now())));
  document.body.setAttribute("data-ready", "true");
  window.addEventListener("resize", () => timeline.render(state.all));
}

start();
