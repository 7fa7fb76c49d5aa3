import type { GraphNode } from './graph';

const SEPARATORS = /[/_.:-]/;

/**
 * Longest common prefix of `names`, cut back to its last separator so that it never ends
 * mid-word (`x_3x3` and `x_3x5` share `x_`, not `x_3x`). Empty when fewer than two names.
 */
export function sharedPrefix(names: readonly string[]): string {
  if (names.length < 2) return '';
  let prefix = names[0]!;
  for (const name of names) {
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i] === name[i]) i += 1;
    prefix = prefix.slice(0, i);
  }
  let cut = prefix.length;
  while (cut > 0 && !SEPARATORS.test(prefix[cut - 1]!)) cut -= 1;
  return prefix.slice(0, cut);
}

/**
 * A block's name: the members' shared prefix without its trailing separators when it names the join
 * node too (`mixed3a_` for `mixed3a`, `inception_3a/` for `inception_3a/output`), else the join's name.
 */
export function blockName(prefix: string, joinName: string): string {
  const trimmed = prefix.replace(/[/_.:-]+$/, '');
  if (trimmed === '') return joinName;
  const namesJoin = joinName === trimmed || (joinName.startsWith(trimmed) && SEPARATORS.test(joinName[trimmed.length] ?? ''));
  return namesJoin ? trimmed : joinName;
}

/**
 * The scope below the block's prefix that a branch's layers share, for layers named by module path as exports
 * from PyTorch are: `branch2` for `inception3a/branch2/branch2.0/conv` and `inception3a/branch2/branch2.1/conv`,
 * `branch3x3` for Inception-v3's `Mixed_7b/branch3x3_1/conv` and `Mixed_7b/branch3x3_2a/conv`. Undefined when
 * the names are not paths below the prefix or share no scope.
 */
export function scopeLabel(names: readonly string[], prefix: string): string | undefined {
  const relative = names.map((n) => (n.startsWith(prefix) ? n.slice(prefix.length) : ''));
  if (relative.length === 0 || relative.some((r) => !r.includes('/'))) return undefined;
  const heads = relative.map((r) => r.slice(0, r.indexOf('/')));
  if (heads.every((h) => h === heads[0])) return heads[0] || undefined;
  return sharedPrefix(heads).replace(/[/_.:-]+$/, '') || undefined;
}

/**
 * A branch's short label: the scope its convs share (see {@link scopeLabel}) when layers are named by module path;
 * otherwise in Lucid style, `pool` for a path that pools, else the name of its last conv (or last member) with the
 * block's prefix removed, e.g. `mixed3a_5x5` -> `5x5`.
 */
export function branchLabel(members: readonly GraphNode[], prefix: string, fallback: string): string {
  const convs = members.filter((m) => m.op === 'conv');
  const scope = scopeLabel((convs.length > 0 ? convs : members).map((m) => m.name), prefix);
  if (scope !== undefined) return scope;
  if (members.some((m) => m.op === 'maxpool' || m.op === 'avgpool')) return 'pool';
  const last = convs[convs.length - 1] ?? members[members.length - 1];
  if (!last) return fallback;
  return last.name.startsWith(prefix) && last.name.length > prefix.length ? last.name.slice(prefix.length) : last.name;
}

/** Makes labels unique within a block by suffixing repeats with their branch index. */
export function uniqueLabels(labels: readonly string[]): string[] {
  return labels.map((label, i) => (labels.indexOf(label) === i ? label : `${label}_${i}`));
}
