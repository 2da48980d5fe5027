/** Mean Earth radius (IUGG), the usual choice for great-circle distances. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
}

/** Great-circle distance by the haversine formula (stable for short distances, unlike the cosine law). */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
