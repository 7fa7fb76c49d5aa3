import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { featureImages, fetchArtifact, FEATURE_IMAGES_QUERY } from './feature-image-queries';

describe('API: bad feature-image requests get clear errors and the server keeps serving', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  const ask = (args: Record<string, unknown>) =>
    postGraphql(api.url, FEATURE_IMAGES_QUERY, { modelId: 'small-alexnet-2b', layer: 'conv2', units: [0], steps: 4, size: 32, ...args });

  it.each([
    [{ units: [...Array(65).keys()] }, 'at most 64 units per request, got 65'],
    [{ size: 513 }, 'size must be an integer from 16 to 512, got 513'],
    [{ steps: 2049 }, 'steps must be an integer from 1 to 2048, got 2049'],
    [{ units: [64] }, "layer 'conv2' of model 'small-alexnet-2b' has 64 units (0..63); unit 64 does not exist"],
    [{ layer: 'conv9' }, "model 'small-alexnet-2b' has no layer 'conv9' to render; close names: "],
  ])('answers BAD_USER_INPUT for %o: %s', async (args, message) => {
    const { errors } = await ask(args);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain(message);
  });

  it('answers NOT_FOUND naming an unknown model', async () => {
    const { errors } = await ask({ modelId: 'vgg16' });
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(errors?.[0]?.message).toMatch(/^no model with id 'vgg16'/);
  });

  it('refuses weight images of a layer that is not a first conv, naming it', async () => {
    const { errors } = await postGraphql(api.url, '{ weightImages(modelId: "alexnet", layer: "conv2") { result { unit } } }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toBe("model 'alexnet': layer 'conv2' is not a first conv layer (a conv fed by the input); weight images exist only there");
  });

  it('asks for units when descriptors of a deeper layer come from feature images', async () => {
    const { errors } = await postGraphql(api.url, '{ neuronDescriptors(modelId: "alexnet", layer: "conv2") { result { unit } } }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/layer 'conv2' is not a first conv layer.*pass units/);
  });

  it('answers 404 naming the key of an artifact that is not stored, and of a malformed name', async () => {
    const key = 'ab'.repeat(32);
    const absent = await fetchArtifact(api.origin, `/artifacts/${key}.png`);
    expect(absent.status).toBe(404);
    expect(JSON.parse(new TextDecoder().decode(absent.bytes)).error).toBe(`no PNG artifact is stored under key ${key}`);
    const malformed = await fetchArtifact(api.origin, '/artifacts/../../etc/passwd.png');
    expect(malformed.status).toBe(404);
  });

  it('keeps serving: a valid request still renders after all of the above', async () => {
    const images = await featureImages(api.url, { modelId: 'small-alexnet-2b', layer: 'conv2', units: [0], steps: 4, size: 32 });
    expect((await fetchArtifact(api.origin, images[0]!.url)).status).toBe(200);
  });
});
