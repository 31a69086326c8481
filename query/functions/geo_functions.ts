import { define, type ScalarFunctionTable } from "./scalar_function.ts";

/** Mean Earth radius in metres (IUGG), for great-circle distances on a spherical Earth. */
const EARTH_RADIUS_METRES = 6_371_008.8;

function valid(lon: number, lat: number): boolean {
  return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/**
 * `geo_distance_2points(lon1, lat1, lon2, lat2)`: the great-circle (haversine) distance in metres; null for
 * coordinates out of range. Kusto measures on the WGS84 ellipsoid, so results differ from it by up to ~0.5%.
 */
function distance(lon1: number, lat1: number, lon2: number, lat2: number): number | null {
  if (!valid(lon1, lat1) || !valid(lon2, lat2)) return null;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Geospatial functions. */
export const GEO_FUNCTIONS: ScalarFunctionTable = {
  geo_distance_2points: define(
    [4, 4],
    "real",
    ([lon1, lat1, lon2, lat2]) => distance(lon1 as number, lat1 as number, lon2 as number, lat2 as number),
  ),
};
