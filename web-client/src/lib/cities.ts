/**
 * The cities the demo agencies are based in (packages/demo-data), for the directory's "near" picker. The app
 * cannot import the demo data itself (it is Node-only), so the coordinates are repeated here.
 */
export interface City {
  name: string;
  region: string;
  lat: number;
  lng: number;
}

export const CITIES: readonly City[] = [
  { name: 'Berlin', region: 'DE-BE', lat: 52.52, lng: 13.405 },
  { name: 'Hamburg', region: 'DE-HH', lat: 53.551, lng: 9.993 },
  { name: 'Munich', region: 'DE-BY', lat: 48.137, lng: 11.575 },
  { name: 'Cologne', region: 'DE-NW', lat: 50.937, lng: 6.96 },
  { name: 'Frankfurt', region: 'DE-HE', lat: 50.11, lng: 8.682 },
  { name: 'Leipzig', region: 'DE-SN', lat: 51.34, lng: 12.375 },
  { name: 'Stuttgart', region: 'DE-BW', lat: 48.775, lng: 9.182 },
  { name: 'Dresden', region: 'DE-SN', lat: 51.05, lng: 13.738 },
];

export function cityByName(name: string | null): City | undefined {
  return name ? CITIES.find((city) => city.name === name) : undefined;
}
