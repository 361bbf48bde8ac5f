// DOM helpers. Untrusted text (report texts, titles, names) only ever enters the page through
// textContent and setAttribute on a fixed allow-list: never innerHTML, never event-handler attributes.

const SAFE_ATTRS = new Set(["class", "id", "title", "role", "tabindex", "href", "rel", "target",
  "type", "name", "value", "placeholder", "for", "aria-label", "aria-live", "aria-selected",
  "data-event-id", "data-claim-id", "data-role", "data-chain", "data-scope", "colspan", "min", "max", "step"]);

/** Create an element: el("li", {class: "x", text: "words"}, child, ...). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (SAFE_ATTRS.has(key)) {
      if (key === "href" && !safeUrl(value)) continue;
      node.setAttribute(key, String(value));
    } else throw new Error(`attribute ${key} not allowed`);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Only http(s) links and same-origin paths; javascript:, data: and the like stay text. */
export function safeUrl(value) {
  try {
    const url = new URL(String(value), window.location.origin);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body;
}

export function fmtNumber(n) {
  return n === null || n === undefined ? "?" : Number(n).toLocaleString("en-US");
}

export function fmtRange(m) {
  if (!m) return "";
  const { low, best, high } = m;
  const span = high === null || high === undefined ? `${fmtNumber(low)}+` :
    low === high ? fmtNumber(low) : `${fmtNumber(low)}–${fmtNumber(high)}`;
  return best !== null && best !== undefined && !(low === high && low === best) ? `${span} (best ${fmtNumber(best)})` : span;
}
