// One colour per event type, stable across reloads; unknown types get a colour from their name.
const KNOWN = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9",
  "Riots": "#d35400",
  "Strategic developments": "#16a085",
  "Escape": "#b8860b",
  "Displacement": "#27ae60",
  "Disaster": "#2c3e50",
};
const EXTRA = ["#7f8c8d", "#e84393", "#00a8ff", "#6ab04c", "#a29bfe", "#fd9644", "#4b6584", "#eb3b5a"];

export function typeColor(type) {
  if (KNOWN[type]) return KNOWN[type];
  let h = 0;
  for (const ch of String(type)) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return EXTRA[h % EXTRA.length];
}

/** Marker radius in pixels: grows with the log of the event's headline number. */
export function magnitudeRadius(m) {
  const n = m ? (m.best ?? m.high ?? m.low ?? 0) : 0;
  return 5 + 2.2 * Math.log10(1 + n);
}

export const CHAIN_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"];
