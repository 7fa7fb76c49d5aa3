import { describe, expect, it } from 'vitest';
import { DEFAULT_ALEXNET_URL, zoneDestination } from './zone-routes';

const env = { BRANCHSCOPE_ALEXNET_URL: 'http://127.0.0.1:41001', BRANCHSCOPE_API_URL: 'http://127.0.0.1:41000/graphql' };

describe('zoneDestination', () => {
  it('sends the AlexNet page to the zone named in the environment', () => {
    expect(zoneDestination('/alexnet', '', env)?.href).toBe('http://127.0.0.1:41001/alexnet');
  });

  it("sends the zone's assets with their query string to the zone", () => {
    const url = zoneDestination('/alexnet/_next/static/chunks/a.js', '?v=1', env);
    expect(url?.href).toBe('http://127.0.0.1:41001/alexnet/_next/static/chunks/a.js?v=1');
  });

  it('sends /graphql to the API URL', () => {
    expect(zoneDestination('/graphql', '', env)?.href).toBe('http://127.0.0.1:41000/graphql');
  });

  it("sends /artifacts/* to the API's origin, not under the API's own path", () => {
    const url = zoneDestination('/artifacts/ab12.png', '?v=2', env);
    expect(url?.href).toBe('http://127.0.0.1:41000/artifacts/ab12.png?v=2');
  });

  it('keeps /artifacts itself, without a file, in the portal', () => {
    expect(zoneDestination('/artifacts', '', env)).toBeNull();
  });

  it('keeps paths that only start with the zone name in the portal', () => {
    expect(zoneDestination('/alexnetwork', '', env)).toBeNull();
  });

  it('falls back to the default zone origin when none is set', () => {
    expect(zoneDestination('/alexnet', '', {})?.origin).toBe(DEFAULT_ALEXNET_URL);
  });
});
