// The event map: country outlines bundled from world-atlas (no tile server), optional online tiles,
// markers coloured by type and sized by magnitude, clustered by supercluster.
//
// Why supercluster and not leaflet.markercluster: markercluster builds a Leaflet layer and a
// cluster tree entry per event for every zoom level up front (~0.6 s for 10k events on a busy
// machine); supercluster indexes plain points in a k-d tree in a few tens of milliseconds and we
// draw only what is in view.
import L from "leaflet";
import Supercluster from "supercluster";
import { feature } from "topojson-client";
import countries from "world-atlas/countries-110m.json";
import { typeColor, magnitudeRadius } from "./colors.js";

const FOCUS_ZOOM = 8;

export function createMap(container, { tileUrl, onSelect }) {
  const map = L.map(container, { worldCopyJump: true, minZoom: 2, maxZoom: 14 });
  map.attributionControl.setPrefix(false);
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: "map tiles: configured tile server" }).addTo(map);
  } else {
    map.attributionControl.addAttribution("Natural Earth via world-atlas");
  }
  const land = feature(countries, countries.objects.countries);
  L.geoJSON(land, {
    interactive: false,
    renderer: L.canvas({ padding: 0.5 }),
    style: { color: "#8a94a6", weight: 0.8, fillColor: tileUrl ? "transparent" : "#eef1f5", fillOpacity: tileUrl ? 0 : 1 },
  }).addTo(map);
  const layer = L.featureGroup().addTo(map);
  map.setView([35, 40], 5);

  let index = null;
  const byId = new Map();
  const tooltip = L.tooltip({ direction: "top", offset: [0, -6] });

  layer.on("click", (e) => {
    const m = e.layer;
    if (m.sitroomProps) onSelect(m.sitroomProps.id);
    else if (m.sitroomCluster !== undefined) {
      map.setView(m.getLatLng(), Math.min(index.getClusterExpansionZoom(m.sitroomCluster), FOCUS_ZOOM));
    }
  });
  layer.on("mouseover", (e) => {
    const p = e.layer.sitroomProps;
    if (!p) return;
    const tip = document.createElement("span");
    tip.textContent = `${p.event_type} — ${p.location ?? "unknown place"} (${p.start ?? "undated"})`;
    tooltip.setLatLng(e.layer.getLatLng()).setContent(tip);
    map.openTooltip(tooltip);
  });
  layer.on("mouseout", () => map.closeTooltip(tooltip));

  function clusterIcon(count) {
    const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 48;
    const html = document.createElement("div");
    const label = document.createElement("span");
    label.textContent = count >= 10000 ? `${Math.round(count / 1000)}k` : String(count);
    html.append(label);
    const tier = count < 10 ? "small" : count < 100 ? "medium" : "large";
    return L.divIcon({ html, className: `marker-cluster marker-cluster-${tier}`, iconSize: L.point(size, size) });
  }

  function draw() {
    layer.clearLayers();
    if (!index) return;
    const b = map.getBounds();
    const bbox = b.getEast() - b.getWest() >= 360 ? [-180, -85, 180, 85]
      : [Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()), Math.min(180, b.getEast()), Math.min(85, b.getNorth())];
    for (const c of index.getClusters(bbox, Math.round(map.getZoom()))) {
      const [lon, lat] = c.geometry.coordinates;
      if (c.properties.cluster) {
        const m = L.marker([lat, lon], { icon: clusterIcon(c.properties.point_count), keyboard: false });
        m.sitroomCluster = c.properties.cluster_id;
        layer.addLayer(m);
      } else {
        const p = c.properties;
        const m = L.circleMarker([lat, lon], {
          radius: magnitudeRadius(p.magnitude), color: "#ffffff", weight: 1.5,
          fillColor: typeColor(p.event_type), fillOpacity: 0.9, className: "event-marker",
        });
        m.sitroomProps = p;
        layer.addLayer(m);
      }
    }
  }
  map.on("moveend", draw);

  function setEvents(features) {
    byId.clear();
    const points = [];
    for (const f of features) {
      if (!f.geometry) continue;
      points.push(f);
      byId.set(f.properties.id, f);
    }
    index = new Supercluster({ radius: 40, maxZoom: FOCUS_ZOOM - 1, minPoints: 2 });
    index.load(points);
    draw();
  }

  function fitTo(features) {
    const pts = features.filter((f) => f.geometry).map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
    if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 7 });
  }

  function focus(id) {
    const f = byId.get(id);
    if (!f) return;
    const [lon, lat] = f.geometry.coordinates;
    map.setView([lat, lon], Math.max(map.getZoom(), FOCUS_ZOOM));
  }

  return { map, setEvents, fitTo, focus };
}
