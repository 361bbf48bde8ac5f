// The alerts badge and panel: what the alerting stage raised, each with the reports behind it.
import { el, clear, getJSON } from "./dom.js";

const EVIDENCE_SHOWN = 3;

function evidenceItem(ev, onSelect) {
  const when = ev.published ? String(ev.published).slice(0, 10) : "";
  const item = el("li", { class: "alert-evidence" },
    el("span", { class: "alert-source", text: [ev.outlet, when].filter(Boolean).join(" · ") }),
    el("q", { text: ev.quote || "" }));
  if (ev.event_id) {
    const open = el("button", { type: "button", class: "link-button", text: "open event" });
    open.addEventListener("click", () => onSelect(ev.event_id));
    item.append(" ", open);
  }
  return item;
}

function alertItem(alert, onSelect) {
  const evidence = (alert.data && alert.data.evidence) || [];
  const item = el("li", { class: `alert-item severity-${alert.severity || "info"}` },
    el("strong", { class: "alert-title", text: alert.title }),
    el("span", { class: "alert-meta", text: `${alert.rule_name || alert.rule} · v${alert.version}` +
      `${alert.acknowledged ? " · acknowledged" : ""} · updated ${String(alert.updated_at).slice(0, 16).replace("T", " ")}` }),
    el("p", { class: "alert-summary", text: alert.summary }),
    el("ul", { class: "alert-evidence-list" }, evidence.slice(0, EVIDENCE_SHOWN).map((ev) => evidenceItem(ev, onSelect))));
  if (evidence.length > EVIDENCE_SHOWN) {
    item.append(el("span", { class: "alert-meta", text: `… ${evidence.length - EVIDENCE_SHOWN} more reports` }));
  }
  return item;
}

/** Fill the header badge with the open-alert count and the panel with the alerts (newest first). */
export async function setupAlerts({ button, badge, panel, onSelect }) {
  let data;
  try {
    data = await getJSON("/api/alerts?limit=50");
  } catch {
    button.hidden = true;
    return;
  }
  badge.textContent = String(data.open ?? 0);
  button.setAttribute("aria-label", `${data.open ?? 0} open alerts`);
  clear(panel);
  panel.append(
    el("h2", { text: `Alerts (${data.open ?? 0} open)` }),
    el("a", { href: "/alerts.atom", class: "feed-link", text: "Atom feed" }),
    data.items.length
      ? el("ul", { class: "alert-list" }, data.items.map((a) => alertItem(a, onSelect)))
      : el("p", { text: "No alerts." }));
  button.addEventListener("click", () => {
    panel.hidden = !panel.hidden;
    button.setAttribute("aria-expanded", panel.hidden ? "false" : "true");
  });
}
