// The event map: country outlines bundled from world-atlas (no tile server), optional online tiles,
// clustered circle markers coloured by type and sized by magnitude.
import L from "leaflet";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import countries from "world-atlas/countries-110m.json";
import { typeColor, magnitudeRadius } from "./colors.js";

const FOCUS_ZOOM = 8;

export function createMap(container, { tileUrl, onSelect }) {
  const map = L.map(container, { worldCopyJump: true, preferCanvas: false, minZoom: 2, maxZoom: 14 });
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
  const cluster = L.markerClusterGroup({ chunkedLoading: false, showCoverageOnHover: false, maxClusterRadius: 40,
    spiderfyOnMaxZoom: true, disableClusteringAtZoom: FOCUS_ZOOM });
  map.addLayer(cluster);
  map.setView([35, 40], 5);

  const markers = new Map();

  function setEvents(features) {
    cluster.clearLayers();
    markers.clear();
    const layers = [];
    for (const f of features) {
      if (!f.geometry) continue;
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const marker = L.circleMarker([lat, lon], {
        radius: magnitudeRadius(p.magnitude), color: "#ffffff", weight: 1.5,
        fillColor: typeColor(p.event_type), fillOpacity: 0.9, className: "event-marker",
      });
      marker.on("click", () => onSelect(p.id));
      marker.bindTooltip(() => {
        const tip = document.createElement("span");
        tip.textContent = `${p.event_type} — ${p.location ?? "unknown place"} (${p.start ?? "undated"})`;
        return tip;
      });
      markers.set(p.id, marker);
      layers.push(marker);
    }
    cluster.addLayers(layers);
  }

  function fitTo(features) {
    const pts = features.filter((f) => f.geometry).map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
    if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 7 });
  }

  function focus(id) {
    const marker = markers.get(id);
    if (!marker) return;
    map.setView(marker.getLatLng(), Math.max(map.getZoom(), FOCUS_ZOOM));
    marker.openTooltip();
  }

  return { map, setEvents, fitTo, focus, cluster };
}
