import type { CatalogueEntry } from './catalogue-entry';

// Facts copied from docs/reference/model-zoo.md (URLs, sha256 and sizes are the ONNX zoo's Git LFS pointers'
// own values); the input ranges follow the same conventions as the built-in architectures in packages/core.

const ONNX_ZOO = 'https://github.com/onnx/models/raw/main/';
const ONNX_ZOO_SOURCE = 'ONNX model zoo (github.com/onnx/models, files in Git LFS: the URL redirects to the LFS host)';
const ONNX_ZOO_LICENCE = 'Apache-2.0 (repository onnx/models)';
/** Caffe's convention: BGR pixels 0 to 255 minus the per-channel ImageNet mean (about 104, 117, 124). */
const CAFFE_RANGE: [number, number] = [-123.68, 151.061];
const CAFFE = 'BGR, 0 to 255 minus the ImageNet mean (Caffe)';
/** ImageNet mean/std normalisation of [0, 1] pixels, as the zoo's ResNets (MXNet Gluon) were trained. */
const IMAGENET_RANGE: [number, number] = [(0 - 0.485) / 0.229, (1 - 0.406) / 0.225];
const IMAGENET = 'RGB in [0, 1], minus mean (0.485, 0.456, 0.406), divided by std (0.229, 0.224, 0.225)';

const zoo = (id: string, name: string, path: string, sha256: string, bytes: number, notes: string, range: [number, number], preprocessing: string): CatalogueEntry => ({
  id,
  name,
  format: 'onnx',
  url: `${ONNX_ZOO}${path}`,
  fileName: `${id}.onnx`,
  sha256,
  bytes,
  inputRange: range,
  preprocessing,
  licence: ONNX_ZOO_LICENCE,
  source: ONNX_ZOO_SOURCE,
  notes,
});

/** The real pretrained models of the catalogue. Data only: tests use a catalogue of generated twins instead. */
export const PRETRAINED_MODELS: readonly CatalogueEntry[] = Object.freeze([
  zoo(
    'bvlcalexnet-8',
    'BVLC AlexNet (opset 8)',
    'validated/vision/classification/alexnet/model/bvlcalexnet-8.onnx',
    '9a4dc22fd706a19462aaec3b08e027e0ef89daf63d123824f20b59b6de9a727b',
    243863542,
    "the article's Figure 1 model: grouped conv2/4/5, LRN; input 1x3x224x224, BGR minus mean (Caffe)",
    CAFFE_RANGE,
    CAFFE,
  ),
  zoo(
    'googlenet-7',
    'BVLC GoogLeNet (opset 7)',
    'validated/vision/classification/inception_and_googlenet/googlenet/model/googlenet-7.onnx',
    '5725ccfd90845735ce5897faf7843c3f9b13acda3c4f3bff82cb21c9337c9de8',
    28020232,
    'Caffe GoogLeNet: 9 inception blocks; BVLC names (inception_3a/5x5 ...)',
    CAFFE_RANGE,
    CAFFE,
  ),
  zoo(
    'inception-v1-8',
    'Inception v1 (opset 8)',
    'validated/vision/classification/inception_and_googlenet/inception_v1/model/inception-v1-8.onnx',
    'ec956d393dd467b6d9e0b17b8c8227c534b936bfbcdc82343a3a7238375775f0',
    28020356,
    'Caffe2 export of the same family',
    CAFFE_RANGE,
    `${CAFFE}, as for the Caffe GoogLeNet it was exported from`,
  ),
  zoo(
    'resnet152-v1-7',
    'ResNet-152 v1 (opset 7)',
    'validated/vision/classification/resnet/model/resnet152-v1-7.onnx',
    'b0ec92437bf8c9d0739bf9bafdea9638e13f9e3c1e2fb766ad546cc182fd3f6d',
    241816206,
    '50 residual blocks',
    IMAGENET_RANGE,
    IMAGENET,
  ),
  zoo(
    'resnet18-v2-7',
    'ResNet-18 v2 (opset 7)',
    'validated/vision/classification/resnet/model/resnet18-v2-7.onnx',
    '3b4d048057854022232aa20bf68262e31718ab7119a17f920b8a2dc1433f824b',
    46806737,
    'pre-activation blocks',
    IMAGENET_RANGE,
    IMAGENET,
  ),
  {
    id: 'lucid-inceptionv1',
    name: "Lucid InceptionV1 (the article's)",
    format: 'graphdef',
    url: 'https://storage.googleapis.com/modelzoo/vision/other_models/InceptionV1.pb',
    fileName: 'InceptionV1.pb',
    // Lucid publishes no digest or size: the fetch reports the digest it finds.
    sha256: null,
    bytes: null,
    inputRange: [-117, 138],
    preprocessing: 'input tensor `input`, 224x224x3 NHWC, pixel minus 117',
    licence: 'not stated in the model zoo notes (Lucid itself is Apache-2.0)',
    source: "Lucid's model zoo (gs://modelzoo/vision/other_models/InceptionV1.pb)",
    notes:
      'the model whose units the article labels (Figure 5); a TensorFlow frozen GraphDef; layer names mixed3a ... mixed5b; ' +
      'only on this model do the published categories line up with real feature visualizations',
  },
]);
