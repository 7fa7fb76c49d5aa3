/** The parts of a TF GraphDef (as tfjs-converter writes it, protobuf JSON) that the importer reads. */
export interface AttrValue {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: Array<{ size?: string | number }>; unknownRank?: boolean };
  list?: { s?: string[]; i?: Array<string | number>; f?: number[] };
}

export interface GraphDefNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, AttrValue>;
}

/** A reference to another node's output: `name`, `name:1`, or a control dependency `^name`. */
export interface InputRef {
  node: string;
  output: number;
  control: boolean;
}

export function parseInputRef(ref: string): InputRef {
  const control = ref.startsWith('^');
  const body = control ? ref.slice(1) : ref;
  const match = /^(.*):(\d+)$/.exec(body);
  return match ? { node: match[1]!, output: Number(match[2]), control } : { node: body, output: 0, control };
}

/** The data inputs of a node (control dependencies dropped). */
export const dataInputs = (node: GraphDefNode): InputRef[] => (node.input ?? []).map(parseInputRef).filter((r) => !r.control);

// Protobuf JSON encodes `bytes` fields (string attrs) in base64.
const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');

export const attrString = (node: GraphDefNode, key: string): string | undefined => {
  const s = node.attr?.[key]?.s;
  return s === undefined ? undefined : decode(s);
};

export const attrStrings = (node: GraphDefNode, key: string): string[] => (node.attr?.[key]?.list?.s ?? []).map(decode);

/** An int list attribute (int64 arrive as strings); empty when absent. */
export const attrInts = (node: GraphDefNode, key: string): number[] => (node.attr?.[key]?.list?.i ?? []).map(Number);

export const attrFloat = (node: GraphDefNode, key: string, fallback: number): number => node.attr?.[key]?.f ?? fallback;

export const attrBool = (node: GraphDefNode, key: string): boolean => node.attr?.[key]?.b === true;

/** A Placeholder's declared shape, -1 for unknown sizes; undefined when its rank is unknown. */
export function placeholderShape(node: GraphDefNode): number[] | undefined {
  const shape = node.attr?.shape?.shape;
  if (!shape || shape.unknownRank || !shape.dim) return undefined;
  return shape.dim.map((d) => Number(d.size ?? -1));
}
