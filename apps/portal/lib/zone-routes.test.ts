import { describe, expect, it } from 'vitest';
import { DEFAULT_ALEXNET_URL, DEFAULT_INCEPTION_URL, DEFAULT_RESNET_URL, zoneDestination } from './zone-routes';

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

describe('zoneDestination for the InceptionV1 and ResNet zones', () => {
  const zones = { ...env, BRANCHSCOPE_INCEPTION_URL: 'http://127.0.0.1:41002', BRANCHSCOPE_RESNET_URL: 'http://127.0.0.1:41003' };

  it('sends /inception pages with their query string to the InceptionV1 zone named in the environment', () => {
    expect(zoneDestination('/inception/mixed3a', '?labelSet=h1', zones)?.href).toBe('http://127.0.0.1:41002/inception/mixed3a?labelSet=h1');
  });

  it('sends /resnet and its embed route to the ResNet zone named in the environment', () => {
    expect(zoneDestination('/resnet', '', zones)?.href).toBe('http://127.0.0.1:41003/resnet');
    expect(zoneDestination('/resnet/embed/blocks', '?model=resnet50-v1', zones)?.href).toBe('http://127.0.0.1:41003/resnet/embed/blocks?model=resnet50-v1');
  });

  it('keeps paths that only start with those zone names in the portal', () => {
    expect(zoneDestination('/inceptionv2', '', zones)).toBeNull();
    expect(zoneDestination('/resnets', '', zones)).toBeNull();
  });

  it('falls back to the default zone origins when none is set', () => {
    expect(zoneDestination('/inception', '', {})?.origin).toBe(DEFAULT_INCEPTION_URL);
    expect(zoneDestination('/resnet', '', {})?.origin).toBe(DEFAULT_RESNET_URL);
  });
});
