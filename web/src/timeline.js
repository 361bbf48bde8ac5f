// The timeline: events per day as a histogram, with a brush selecting a date range.
import { select } from "d3-selection";
import { brushX } from "d3-brush";
import { scaleTime, scaleLinear } from "d3-scale";
import { axisBottom, axisLeft } from "d3-axis";
import { max } from "d3-array";

const DAY = 86400000;

function dayOf(iso) {
  return iso ? Date.parse(`${iso}T00:00:00Z`) : null;
}

export function createTimeline(container, { onBrush }) {
  const svg = select(container).append("svg").attr("id", "timeline-svg").attr("role", "img")
    .attr("aria-label", "events per day; drag to select a date range");
  let state = { x: null, width: 0 };

  function render(features) {
    const rect = container.getBoundingClientRect();
    const width = Math.max(rect.width, 300);
    const height = Math.max(rect.height, 120);
    const m = { top: 8, right: 12, bottom: 22, left: 32 };
    svg.attr("width", width).attr("height", height);
    svg.selectAll("*").remove();
    const days = features.map((f) => dayOf(f.properties.start)).filter((d) => d !== null);
    if (!days.length) return;
    let lo = Math.min(...days);
    let hi = Math.max(...days) + DAY;
    if (hi - lo < 7 * DAY) { lo -= 3 * DAY; hi += 3 * DAY; }
    const counts = new Map();
    for (const d of days) counts.set(d, (counts.get(d) || 0) + 1);
    const bins = [...counts.entries()].map(([d, n]) => ({ d, n }));
    const x = scaleTime().domain([new Date(lo), new Date(hi)]).range([m.left, width - m.right]);
    const y = scaleLinear().domain([0, max(bins, (b) => b.n) || 1]).nice().range([height - m.bottom, m.top]);
    const barW = Math.max(1, x(new Date(lo + DAY)) - x(new Date(lo)) - 1);
    svg.append("g").attr("class", "bars").selectAll("rect").data(bins).join("rect")
      .attr("x", (b) => x(new Date(b.d))).attr("width", barW)
      .attr("y", (b) => y(b.n)).attr("height", (b) => y(0) - y(b.n));
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - m.bottom})`)
      .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
    svg.append("g").attr("class", "axis").attr("transform", `translate(${m.left},0)`)
      .call(axisLeft(y).ticks(3).tickFormat((d) => (Number.isInteger(d) ? String(d) : "")));
    const brush = brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]])
      .on("end", (event) => {
        if (!event.selection) { onBrush(null); return; }
        const [a, b] = event.selection.map((px) => x.invert(px).getTime());
        onBrush([a, b]);
      });
    svg.append("g").attr("class", "brush").call(brush);
    state = { x, width };
  }

  return { render };
}

/** True when an event's day interval overlaps the brushed range [a, b] (milliseconds). */
export function inRange(props, range) {
  if (!range) return true;
  const start = dayOf(props.start);
  if (start === null) return false;
  const end = (dayOf(props.end) ?? start) + DAY;
  return start <= range[1] && end >= range[0];
}
